import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createAccountWithKey, createApp } from '../../api/app.js';
import { SCHEMA_VERSION } from '../../api/db/schema.js';
import { INDEXED_UP_TO, gramTokens, queryTokens } from '../../api/search-index.js';
import { Store } from '../../api/store.js';
import { LIST_PLAN, searchText } from '../../api/store-studies.js';
import type { ReportMetadata } from '../../api/types.js';
import { Avara } from '../../sdk/index.js';
import { betterSqliteDriver } from '../../server/sqlite-driver.js';
import { startServer } from '../support/server-process.js';

/** The SQLite file keeps everything across restarts, and a process killed mid-write leaves it whole. */

const tempDir = () => mkdtempSync(join(tmpdir(), 'avara-durable-'));

async function open(file: string) {
  const store = new Store(betterSqliteDriver(file));
  const app = createApp({ store });
  const fetchApp: typeof fetch = async (input, init) => app.fetch(new Request(input as RequestInfo, init));
  return { store, app, fetchApp };
}

describe('durability of the SQLite store', () => {
  it('everything written survives closing and reopening the file: data, tokens, idempotent answers', async () => {
    const dir = tempDir();
    try {
      const file = join(dir, 'avara.sqlite');
      const first = await open(file);
      const { secretKey } = await createAccountWithKey(first.store, 'Restarted');
      const sdk = new Avara({ apiKey: secretKey, baseUrl: 'http://api.test', fetch: first.fetchApp, maxNetworkRetries: 0 });
      await sdk.account.enableExpress();
      const customer = await sdk.express.create({ expressCustomerName: 'Hôpital Saint-Éloi', metadata: { région: 'Île-de-France' } }, { idempotencyKey: 'k1' });
      const inv = await sdk.users.invite({ email: 'zoe@example.test', name: 'Zoë Müller' });
      await sdk.users.accept(inv.invitationToken);
      await sdk.express.addUser(customer.expressCustomerId, { userId: inv.userId });
      const study = await sdk.viewer.studies.create({
        studyInstanceUid: '1.2.3.4',
        studyDescription: 'T1 VIBE3D 5° relaxo',
        severity: 'high',
        expressCustomerId: customer.expressCustomerId,
        reportMetadata: { patientName: 'Müller^Zoë', scanDate: '2024-03-10' },
      });
      const token = (await sdk.widgetTokens.create({ userId: inv.userId })).token;
      first.store.db.close();

      const second = await open(file);
      const again = new Avara({ apiKey: secretKey, baseUrl: 'http://api.test', fetch: second.fetchApp, maxNetworkRetries: 0 });
      assert.equal((await again.account.retrieve()).expressEnabled, true);
      assert.deepEqual(await again.express.retrieve(customer.expressCustomerId), { ...customer, userCount: 1, updatedAt: customer.updatedAt });
      assert.deepEqual(await again.studies.retrieve(study.studyId), study);
      assert.equal((await again.users.retrieve(inv.userId)).status, 'active');
      // The widget token minted before the restart still works (the signing secret is in the file).
      const res = await second.app.request('/v1/studies?q=zo%C3%AB', { headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.status, 200);
      assert.deepEqual(((await res.json()) as { studies: { studyId: string }[] }).studies.map((s) => s.studyId), [study.studyId]);
      // An idempotent retry after the restart answers the first response.
      const replay = await again.express.create({ expressCustomerName: 'Hôpital Saint-Éloi', metadata: { région: 'Île-de-France' } }, { idempotencyKey: 'k1' });
      assert.equal(replay.expressCustomerId, customer.expressCustomerId);
      await assert.rejects(again.users.accept(inv.invitationToken), (e: { status: number }) => e.status === 409);
      second.store.db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the reference server, restarted on the same file, answers the same data', async () => {
    const dir = tempDir();
    const file = join(dir, 'avara.sqlite');
    try {
      let server = await startServer({ AVARA_DB: file });
      const { secretKey } = (await (await fetch(`${server.origin}/v1/dev/accounts`, { method: 'POST', body: '{}' })).json()) as { secretKey: string };
      let sdk = new Avara({ apiKey: secretKey, baseUrl: server.origin });
      await sdk.account.enableExpress();
      const c = await sdk.express.create({ expressCustomerName: 'Kept' });
      await server.stop();
      server = await startServer({ AVARA_DB: file });
      sdk = new Avara({ apiKey: secretKey, baseUrl: server.origin });
      assert.deepEqual(await sdk.express.retrieve(c.expressCustomerId), c);
      await server.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a process killed (SIGKILL) in the middle of writing leaves a whole, consistent database', async () => {
    const dir = tempDir();
    try {
      const file = join(dir, 'avara.sqlite');
      const key = 'sk_test_durability_writer_key';
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/durability-writer.ts', file, key], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      const lastCommitted = () => Number([...stdout.matchAll(/committed (\d+)\n/g)].at(-1)?.[1] ?? 0);
      // Kill at an unpredictable moment once a few index batches have been written.
      const killAt = 150 + Math.floor(Math.random() * 50);
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (!child.killed && lastCommitted() >= killAt) child.kill('SIGKILL');
      });
      // 'close' comes after the exit and after the pipe is drained: the writer reports each commit
      // with a synchronous pipe write before it starts the next, so the last line read is exact
      // however far it ran ahead of this process reading it.
      const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, sig) => resolve(sig)));
      assert.equal(signal, 'SIGKILL', `the writer stopped on its own: ${stderr}`);
      const committed = lastCommitted();
      assert.ok(committed >= killAt);

      const raw = new Database(file);
      assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok');
      assert.deepEqual(raw.pragma('foreign_key_check'), []);
      const studies = raw
        .prepare('SELECT rowid AS rid, study_instance_uid, study_description, severity, product, report_metadata, search_text FROM studies ORDER BY rowid')
        .all() as { rid: number; study_instance_uid: string; study_description: string; severity: 'normal'; product: 'viewer'; report_metadata: string; search_text: string }[];
      assert.ok(studies.length >= committed, `every reported commit is there (${studies.length} ≥ ${committed})`);
      assert.ok(studies.length <= committed + 1, 'at most the one in flight besides');
      for (const s of studies) {
        const m = JSON.parse(s.report_metadata) as ReportMetadata;
        const n = s.study_instance_uid.split('.').at(-1);
        // No half-written study: every field is the whole value the writer sent.
        assert.equal(s.study_description, `T1 VIBE3D 5° relaxo ${n}`);
        assert.deepEqual(m, { scanDate: '2024-03-10', patientName: `Müller^Zoë ${n}`, facilityName: 'Hôpital Saint-Éloi', mrn: `MRN-${n}` });
        assert.equal(s.search_text, searchText({ studyInstanceUid: s.study_instance_uid, studyDescription: s.study_description, severity: s.severity, product: s.product, expressCustomerId: null, reportMetadata: m }));
      }
      // The gram index is exactly the studies up to its mark, and its counts agree.
      const mark = Number((raw.prepare('SELECT value FROM settings WHERE key = ?').get(INDEXED_UP_TO) as { value: string } | undefined)?.value ?? 0);
      const indexed = studies.filter((s) => s.rid <= mark);
      const docids = (raw.prepare('SELECT rowid AS r FROM study_grams').all() as { r: number }[]).map((r) => r.r);
      assert.deepEqual(docids.sort((a, b) => a - b), indexed.map((s) => s.rid));
      const expected = new Map<string, number>();
      for (const s of indexed) for (const g of gramTokens(s.search_text)) expected.set(g, (expected.get(g) ?? 0) + 1);
      const counts = new Map((raw.prepare('SELECT gram, documents FROM study_gram_counts').all() as { gram: string; documents: number }[]).map((r) => [r.gram, r.documents]));
      assert.deepEqual(counts, expected);
      // Memberships and counts agree with what the API answers.
      const customerCounts = raw.prepare('SELECT c.id, (SELECT count(*) FROM memberships m WHERE m.customer_id = c.id) AS n FROM customers c').all() as { id: string; n: number }[];
      assert.ok(customerCounts.every((c) => c.n <= 1));
      raw.close();

      // The store opens the file, catches the index up and searches it like a fresh one.
      const reopened = await open(file);
      const defaults = { ...LIST_PLAN };
      Object.assign(LIST_PLAN, { scanRowsCovered: 1, scanRows: 1, candidateLimit: 100_000 });
      try {
        const last = studies.at(-1)!.study_instance_uid.split('.').at(-1);
        const res = await reopened.app.request(`/v1/studies?q=${encodeURIComponent(`zoë ${last}`)}`, { headers: { authorization: `Bearer ${key}` } });
        const body = (await res.json()) as { studies: { studyInstanceUid: string }[] };
        assert.deepEqual(body.studies.map((s) => s.studyInstanceUid), [studies.at(-1)!.study_instance_uid]);
      } finally {
        Object.assign(LIST_PLAN, defaults);
        reopened.store.db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a file whose index holds trigrams only (an earlier version) is reindexed on open, so a search on 5-grams finds its study', async () => {
    const dir = tempDir();
    try {
      const file = join(dir, 'trigrams.sqlite');
      const first = await open(file);
      const { account, secretKey } = await createAccountWithKey(first.store, 'Trigram index');
      for (const [uid, mrn] of [['1.2.8.1', 'MRN-13526234'], ['1.2.8.2', 'MRN-77001234']] as const) {
        first.store.createStudy(account.accountId, { studyInstanceUid: uid, studyDescription: 'Chest', severity: 'normal', product: 'viewer', expressCustomerId: null, reportMetadata: { mrn } });
      }
      first.store.db.close();
      // What the earlier version wrote: the same FTS5 table, filled with trigrams only, their counts and the mark.
      const raw = new Database(file);
      raw.exec('DELETE FROM study_grams; DELETE FROM study_gram_counts;');
      raw.prepare("DELETE FROM settings WHERE key = 'search_index_grams'").run();
      const rows = raw.prepare('SELECT rowid AS rid, search_text FROM studies').all() as { rid: number; search_text: string }[];
      const trigrams = (text: string) => queryTokens(text).filter((g) => g.length === 3).map((g) => g.gram);
      const counts = new Map<string, number>();
      for (const r of rows) {
        raw.prepare('INSERT INTO study_grams (rowid, grams) VALUES (CAST(? AS INTEGER), ?)').run(r.rid, trigrams(r.search_text).join(' '));
        for (const g of trigrams(r.search_text)) counts.set(g, (counts.get(g) ?? 0) + 1);
      }
      for (const [g, n] of counts) raw.prepare('INSERT INTO study_gram_counts (gram, documents) VALUES (?, ?)').run(g, n);
      raw.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(INDEXED_UP_TO, String(rows.at(-1)!.rid));
      raw.close();

      const second = await open(file);
      assert.equal(second.store.setting(INDEXED_UP_TO), '0', 'the index starts over and is filled by the next search');
      const defaults = { ...LIST_PLAN };
      Object.assign(LIST_PLAN, { scanRowsCovered: 1, scanRows: 1, candidateLimit: 100_000 });
      try {
        const res = await second.app.request('/v1/studies?q=13526234', { headers: { authorization: `Bearer ${secretKey}` } });
        assert.deepEqual(((await res.json()) as { studies: { studyInstanceUid: string }[] }).studies.map((x) => x.studyInstanceUid), ['1.2.8.1']);
        assert.equal(second.store.setting(INDEXED_UP_TO), String(rows.at(-1)!.rid));
      } finally {
        Object.assign(LIST_PLAN, defaults);
        second.store.db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a file whose gram index is FTS4 gets an FTS5 one on open, and searches answer the same', async () => {
    const dir = tempDir();
    try {
      const file = join(dir, 'fts4.sqlite');
      const first = await open(file);
      const { account, secretKey } = await createAccountWithKey(first.store, 'Older index');
      for (const [uid, name] of [['1.2.7.1', 'Łukasz^Nowak'], ['1.2.7.2', 'Doe^Jane']] as const) {
        first.store.createStudy(account.accountId, { studyInstanceUid: uid, studyDescription: 'Knee', severity: 'normal', product: 'viewer', expressCustomerId: null, reportMetadata: { patientName: name } });
      }
      first.store.db.close();
      // What the previous version wrote: an FTS4 table, filled, with its counts and mark.
      const raw = new Database(file);
      raw.exec(`DROP TABLE study_grams; CREATE VIRTUAL TABLE study_grams USING fts4(content='', grams);`);
      const rows = raw.prepare('SELECT rowid AS rid, search_text FROM studies').all() as { rid: number; search_text: string }[];
      for (const r of rows) raw.prepare('INSERT INTO study_grams (docid, grams) VALUES (CAST(? AS INTEGER), ?)').run(r.rid, gramTokens(r.search_text).join(' '));
      raw.prepare("INSERT INTO study_gram_counts (gram, documents) VALUES ('ffffff', 2)").run();
      raw.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(INDEXED_UP_TO, String(rows.length));
      raw.close();

      const second = await open(file);
      const sql = second.store.db.get<{ sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'study_grams'")!.sql;
      assert.match(sql, /fts5/i);
      assert.equal(second.store.setting(INDEXED_UP_TO), '0', 'the new index starts empty and is filled by the next search');
      assert.equal(second.store.db.all('SELECT * FROM study_gram_counts').length, 0);
      const defaults = { ...LIST_PLAN };
      Object.assign(LIST_PLAN, { scanRowsCovered: 1, scanRows: 1, candidateLimit: 100_000 });
      try {
        const res = await second.app.request(`/v1/studies?q=${encodeURIComponent('łukasz')}`, { headers: { authorization: `Bearer ${secretKey}` } });
        assert.deepEqual(((await res.json()) as { studies: { studyInstanceUid: string }[] }).studies.map((x) => x.studyInstanceUid), ['1.2.7.1']);
        assert.equal(second.store.setting(INDEXED_UP_TO), String(rows.length));
      } finally {
        Object.assign(LIST_PLAN, defaults);
        second.store.db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a database of schema 3 is migrated on open: remembered answers keep no credential, and the rest replay as before', async () => {
    const dir = tempDir();
    try {
      const file = join(dir, 'v3.sqlite');
      const first = await open(file);
      const { secretKey } = await createAccountWithKey(first.store, 'Remembered');
      const sdk = new Avara({ apiKey: secretKey, baseUrl: 'http://api.test', fetch: first.fetchApp, maxNetworkRetries: 0 });
      await sdk.account.enableExpress();
      const customer = await sdk.express.create({ expressCustomerName: 'Kept' }, { idempotencyKey: 'customer' });
      const inv = await sdk.users.invite({ email: 'ivy@example.test', name: 'Ivy' }, { idempotencyKey: 'invite' });
      await sdk.users.accept(inv.invitationToken);
      first.store.db.close();
      // What version 3 remembered: the answers whole, credentials included.
      const raw = new Database(file);
      raw.prepare("UPDATE settings SET value = '3' WHERE key = 'schema_version'").run();
      const scope = (raw.prepare("SELECT scope FROM idempotency_keys WHERE key = 'invite'").get() as { scope: string }).scope;
      raw.prepare("UPDATE idempotency_keys SET body = ? WHERE key = 'invite'").run(JSON.stringify({ ...inv }));
      raw.prepare('INSERT INTO idempotency_keys (scope, key, fingerprint, status, body, created_ms) VALUES (?, ?, ?, 200, ?, ?)').run(
        scope,
        'mint',
        'f'.repeat(64),
        JSON.stringify({ token: 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln', expiresAt: '2099-01-01T00:00:00.000Z' }),
        Date.now(),
      );
      assert.match(JSON.stringify(raw.prepare('SELECT body FROM idempotency_keys').all()), /inv_|eyJ/);
      raw.close();

      const second = await open(file);
      try {
        assert.equal(second.store.setting('schema_version'), String(SCHEMA_VERSION));
        const bodies = second.store.db.all<{ key: string; body: string }>('SELECT key, body FROM idempotency_keys ORDER BY key');
        assert.deepEqual(bodies.map((b) => b.key), ['customer', 'invite'], 'the remembered widget token is gone');
        assert.doesNotMatch(JSON.stringify(bodies), /inv_|eyJ/);
        assert.equal(JSON.parse(bodies[1]!.body).userId, inv.userId);
        const again = new Avara({ apiKey: secretKey, baseUrl: 'http://api.test', fetch: second.fetchApp, maxNetworkRetries: 0 });
        const replay = await again.express.create({ expressCustomerName: 'Kept' }, { idempotencyKey: 'customer' });
        assert.equal(replay.expressCustomerId, customer.expressCustomerId);
        // Not in the file's free space or its WAL either, while the server still has it open.
        for (const f of [file, `${file}-wal`]) {
          const bytes = existsSync(f) ? readFileSync(f).toString('latin1') : '';
          assert.ok(!bytes.includes(inv.invitationToken) && !bytes.includes('eyJhbGciOiJIUzI1NiJ9.e30.c2ln'), `no credential left in ${f}`);
        }
      } finally {
        second.store.db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a database of schema 2 is migrated on open: folded text with a final sigma is written again, and a sigma prefix finds it', async () => {
    const dir = tempDir();
    try {
      const file = join(dir, 'sigma.sqlite');
      const first = await open(file);
      const { account, secretKey } = await createAccountWithKey(first.store, 'Sigma');
      const greek = first.store.createStudy(account.accountId, {
        studyInstanceUid: '1.2.6.1',
        studyDescription: 'Knee',
        severity: 'normal',
        product: 'viewer',
        expressCustomerId: null,
        reportMetadata: { patientName: 'ΟΔΥΣΣΕΥΣ^Νίκος' },
      });
      first.store.createStudy(account.accountId, { studyInstanceUid: '1.2.6.2', studyDescription: 'Hand', severity: 'normal', product: 'viewer', expressCustomerId: null, reportMetadata: { patientName: 'Doe^Jane' } });
      const customer = first.store.createCustomer(account.accountId, 'Κλινική Ιασώ Αθήνας', {});
      first.store.db.close();
      // What version 2 wrote: lowercasing alone, so a sigma ending a word is ς; and the index over that text.
      const raw = new Database(file);
      const v2 = (t: string) => t.normalize('NFKC').toUpperCase().toLowerCase();
      raw.prepare("UPDATE settings SET value = '2' WHERE key = 'schema_version'").run();
      raw.prepare('UPDATE studies SET search_text = ?, patient_sort = ? WHERE study_instance_uid = ?').run(
        v2('ΟΔΥΣΣΕΥΣ^Νίκος\nΟΔΥΣΣΕΥΣ Νίκος\n\nKnee\n\n1.2.6.1'),
        v2('ΟΔΥΣΣΕΥΣ Νίκος'),
        '1.2.6.1',
      );
      raw.prepare('UPDATE customers SET name_fold = ? WHERE id = ?').run(v2('Κλινική Ιασώ Αθήνας'), customer.expressCustomerId);
      assert.match((raw.prepare("SELECT search_text FROM studies WHERE study_instance_uid = '1.2.6.1'").get() as { search_text: string }).search_text, /οδυσσευς/);
      raw.close();

      const second = await open(file);
      try {
        assert.equal(second.store.setting('schema_version'), String(SCHEMA_VERSION));
        const row = second.store.db.get<{ search_text: string; patient_sort: string }>("SELECT search_text, patient_sort FROM studies WHERE study_instance_uid = '1.2.6.1'")!;
        assert.ok(!row.search_text.includes('ς') && !row.patient_sort.includes('ς'), 'no final sigma left in the folded columns');
        assert.equal(second.store.setting(INDEXED_UP_TO), '0', 'the gram index starts over');
        const search = async (q: string) => {
          const res = await second.app.request(`/v1/studies?q=${encodeURIComponent(q)}`, { headers: { authorization: `Bearer ${secretKey}` } });
          return ((await res.json()) as { studies: { studyId: string }[] }).studies.map((x) => x.studyId);
        };
        for (const q of ['οδυσ', 'ΟΔΥΣΣ', 'Οδυσσευς', 'οδυσσευσ']) assert.deepEqual(await search(q), [greek.studyId], q);
        assert.equal(second.store.db.get<{ name_fold: string }>('SELECT name_fold FROM customers WHERE id = ?', [customer.expressCustomerId])!.name_fold, 'κλινική ιασώ αθήνασ');
      } finally {
        second.store.db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a database of schema 1 is migrated on open: search text, indexes and the trigram index', async () => {
    const dir = tempDir();
    try {
      const file = join(dir, 'old.sqlite');
      const first = await open(file);
      const { account, secretKey } = await createAccountWithKey(first.store, 'Old');
      const s = first.store.createStudy(account.accountId, {
        studyInstanceUid: '1.2.5',
        studyDescription: 'Knee',
        severity: 'normal',
        product: 'viewer',
        expressCustomerId: null,
        reportMetadata: { patientName: 'Doe^Jane', scanType: 'Angiography' },
      });
      first.store.db.close();
      // Turn the file back into what version 1 wrote.
      const raw = new Database(file);
      raw.exec(`
        UPDATE settings SET value = '1' WHERE key = 'schema_version';
        UPDATE studies SET search_text = 'doe^jane\ndoe jane\n\nknee\n\nangiography\n1.2.5';
        DROP INDEX studies_by_account_scan_text; DROP INDEX studies_by_customer_scan_text;
        CREATE INDEX studies_by_customer_scan ON studies(customer_id, scan_date, created_at, id);
        CREATE INDEX studies_by_account_scan ON studies(account_id, scan_date, created_at, id);
        DROP TABLE study_grams; DROP TABLE study_gram_counts;`);
      raw.close();

      const second = await open(file);
      assert.equal(second.store.setting('schema_version'), String(SCHEMA_VERSION));
      const indexes = second.store.db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'studies'").map((r) => r.name);
      assert.ok(!indexes.includes('studies_by_account_scan') && indexes.includes('studies_by_account_scan_text'));
      const search = async (q: string) => {
        const res = await second.app.request(`/v1/studies?q=${q}`, { headers: { authorization: `Bearer ${secretKey}` } });
        return ((await res.json()) as { studies: { studyId: string }[] }).studies.map((x) => x.studyId);
      };
      const defaults = { ...LIST_PLAN };
      try {
        for (const plan of [defaults, { ...defaults, scanRowsCovered: 0, scanRows: 0 }]) {
          Object.assign(LIST_PLAN, plan);
          assert.deepEqual(await search('jane'), [s.studyId]);
          assert.deepEqual(await search('angiography'), [], 'scan type is no longer searched');
        }
      } finally {
        Object.assign(LIST_PLAN, defaults);
        second.store.db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
