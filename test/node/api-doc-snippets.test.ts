import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Avara } from '../../sdk/index.js';
import { PLACEHOLDER_CUSTOMER, PLACEHOLDER_USER, typeScriptSnippets } from '../support/doc-snippets.js';
import { startServer } from '../support/server-process.js';

/**
 * Every TypeScript example of the Avara Express documentation runs as written — `import Avara
 * from '@avara/sdk'`, `process.env.AVARA_API_KEY` — in its own Node process against the
 * reference server, each in a fresh platform account. The only changes: the documentation's
 * placeholder ids become real ones, a snippet that uses `avara` or `expressCustomerId` without
 * declaring them gets the first example's two opening lines and the customer's id, and an
 * epilogue prints what the snippet's constants hold so the test can compare.
 */

const run = promisify(execFile);
const DOC = readFileSync('test/fixtures/avara-express-docs.txt', 'utf8');
const SNIPPETS = typeScriptSnippets(DOC);
const PRELUDE = SNIPPETS[0]!.match(/^import Avara from '@avara\/sdk';\s*const avara = new Avara\(\{[^;]*\}\);/)?.[0];

interface World {
  sdk: Avara;
  key: string;
  customerId: string;
  userId: string;
}

function program(snippet: string, w: World): string {
  let code = snippet.replaceAll(PLACEHOLDER_CUSTOMER, w.customerId).replaceAll(PLACEHOLDER_USER, w.userId);
  const lines: string[] = [];
  if (!/\bimport Avara\b/.test(code)) lines.push(PRELUDE!);
  if (/(?<![.\w$])expressCustomerId(?!\s*:)/.test(code) && !/const expressCustomerId\b/.test(code)) {
    lines.push(`const expressCustomerId = ${JSON.stringify(w.customerId)};`);
  }
  const consts = [...code.matchAll(/const (\w+) = await/g)].map((m) => m[1]!);
  code = `${lines.join('\n')}\n${code}\nconsole.log('__CONSTS__' + JSON.stringify({ ${consts.join(', ')} }));\n`;
  return code;
}

describe('the TypeScript examples of the Express documentation run as written', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let dir: string;

  before(async () => {
    server = await startServer();
    dir = mkdtempSync(join(tmpdir(), 'avara-snippets-'));
  });
  after(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh account with Express on, "City Medical Center" and one active user. */
  async function world({ customer = true } = {}): Promise<World> {
    const res = await fetch(`${server.origin}/v1/dev/accounts`, { method: 'POST', body: '{}' });
    assert.equal(res.status, 200);
    const { secretKey } = (await res.json()) as { secretKey: string };
    const sdk = new Avara({ apiKey: secretKey, baseUrl: server.origin });
    await sdk.account.enableExpress();
    const customerId = customer ? (await sdk.express.create({ expressCustomerName: 'City Medical Center' })).expressCustomerId : '';
    const inv = await sdk.users.invite({ email: 'radiologist@city.example', name: 'Dr. Rad' });
    await sdk.users.accept(inv.invitationToken);
    return { sdk, key: secretKey, customerId, userId: inv.userId };
  }

  let n = 0;
  async function runSnippet(snippet: string, w: World): Promise<{ stdout: string; consts: Record<string, any> }> {
    const file = join(dir, `snippet-${++n}.mts`);
    writeFileSync(file, program(snippet, w));
    const { stdout } = await run(process.execPath, ['--import', 'tsx', file], {
      cwd: process.cwd(),
      env: { ...process.env, AVARA_API_KEY: w.key, AVARA_BASE_URL: server.origin },
    });
    const marker = stdout.lastIndexOf('__CONSTS__');
    assert.ok(marker >= 0, `the snippet ran to its end:\n${stdout}`);
    return { stdout: stdout.slice(0, marker), consts: JSON.parse(stdout.slice(marker + '__CONSTS__'.length)) };
  }

  const find = (marker: string) => {
    const found = SNIPPETS.filter((s) => s.includes(marker));
    assert.equal(found.length, 1, `one snippet with ${marker}`);
    return found[0]!;
  };

  it('the document holds the nine TypeScript examples this test knows', () => {
    assert.equal(SNIPPETS.length, 9);
    assert.ok(PRELUDE, 'the first example opens with the import and the client');
  });

  it('avara.express.create', async () => {
    const w = await world({ customer: false });
    const { stdout, consts } = await runSnippet(find('avara.express.create('), w);
    const id = stdout.trim();
    assert.match(id, /^cus_[0-9a-f]{32}$/);
    const c = await w.sdk.express.retrieve(id);
    assert.equal(c.expressCustomerName, 'City Medical Center');
    assert.deepEqual(c.metadata, { department: 'radiology', region: 'northeast' });
    assert.deepEqual(consts.expressCustomer, c);
  });

  it('avara.express.addUser', async () => {
    const w = await world();
    await runSnippet(find('avara.express.addUser('), w);
    const c = await w.sdk.express.retrieve(w.customerId);
    assert.equal(c.userCount, 1);
    const token = (await w.sdk.widgetTokens.create({ userId: w.userId })).token;
    const mine = await (await fetch(`${server.origin}/v1/me/customers`, { headers: { authorization: `Bearer ${token}` } })).json();
    assert.deepEqual(mine.expressCustomers.map((x: { expressCustomerId: string }) => x.expressCustomerId), [w.customerId]);
  });

  it('avara.autoScribe.studies.create', async () => {
    const w = await world();
    const { consts } = await runSnippet(find('avara.autoScribe.studies.create('), w);
    const study = await w.sdk.studies.retrieve(consts.study.studyId);
    assert.deepEqual(study, consts.study);
    assert.equal(study.product, 'autoScribe');
    assert.equal(study.expressCustomerId, w.customerId);
    assert.equal(study.studyInstanceUid, '1.2.840.113619.2.55.3.604688119.868.1234567890.123');
    assert.deepEqual(study.reportMetadata, {
      scanDate: '2024-03-15',
      scanType: 'MRI Brain with Contrast',
      patientName: 'Jane Doe',
      facilityName: 'City Medical Center',
      sex: 'female',
      dateOfBirth: '1985-07-20',
      mrn: 'MRN-2024-001234',
    });
  });

  it('avara.viewer.studies.create', async () => {
    const w = await world();
    const { consts } = await runSnippet(find('avara.viewer.studies.create('), w);
    const study = await w.sdk.studies.retrieve(consts.study.studyId);
    assert.equal(study.product, 'viewer');
    assert.equal(study.severity, 'high');
    assert.equal(study.studyDescription, 'CT Chest/Abdomen/Pelvis');
    assert.equal(study.expressCustomerId, w.customerId);
    assert.deepEqual(study.reportMetadata, {});
  });

  it('avara.express.list', async () => {
    const w = await world();
    await w.sdk.express.addUser(w.customerId, { userId: w.userId });
    const { stdout } = await runSnippet(find('avara.express.list('), w);
    assert.equal(stdout, `City Medical Center: ${w.customerId}\nActive: true, Users: 1\n`);
  });

  it('avara.express.update', async () => {
    const w = await world();
    const { consts } = await runSnippet(find('avara.express.update('), w);
    const c = await w.sdk.express.retrieve(w.customerId);
    assert.equal(c.expressCustomerName, 'City Medical Center - Updated');
    assert.deepEqual(c.metadata, { department: 'radiology', region: 'northeast', wing: 'Building A' });
    assert.deepEqual(consts.updated, c);
  });

  it('avara.express.removeUser', async () => {
    const w = await world();
    await w.sdk.express.addUser(w.customerId, { userId: w.userId });
    await runSnippet(find('avara.express.removeUser('), w);
    assert.equal((await w.sdk.express.retrieve(w.customerId)).userCount, 0);
  });

  it('avara.express.deactivate and avara.express.reactivate', async () => {
    const w = await world();
    const off = await runSnippet(find('avara.express.deactivate('), w);
    assert.equal(off.consts.deactivated.isActive, false);
    assert.equal((await w.sdk.express.retrieve(w.customerId)).isActive, false);
    const on = await runSnippet(find('avara.express.reactivate('), w);
    assert.equal(on.consts.reactivated.isActive, true);
    assert.equal((await w.sdk.express.retrieve(w.customerId)).isActive, true);
  });
});
