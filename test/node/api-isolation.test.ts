import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { createAccountWithKey, createApp } from '../../api/app.js';
import type { SqlDriver } from '../../api/db/driver.js';
import { sqlJsDriver } from '../../api/db/sqljs-driver.js';
import { Store } from '../../api/store.js';
import { LIST_PLAN } from '../../api/store-studies.js';
import type { ExpressCustomer, Study } from '../../api/types.js';
import { betterSqliteDriver } from '../../server/sqlite-driver.js';

/**
 * Property: in random worlds (two platform accounts; customers, users, memberships, studies;
 * tokens minted, some narrowed; then deactivations, removals and new memberships after minting),
 * what every caller sees on every read path equals the access rule computed here, independently
 * of api/access.ts:
 *
 *   secret key, or admin token without narrowing → every study of its account;
 *   admin token narrowed to N                     → studies whose customer is in N;
 *   member token (narrowed to N or not)           → studies whose customer is active now, has the
 *                                                   user as a member now, and is in N if narrowed.
 *
 * Read paths: GET /v1/studies (every page, in order; plus one random filter), GET /v1/studies/{id}
 * for three studies drawn from both accounts, GET /v1/me/customers (ids, isActive, userCount).
 *
 * Each world also picks the list plan's tuning, so every path of api/store-studies.ts is checked.
 *
 * Runs: AVARA_ISOLATION_RUNS (default 1000 on better-sqlite3, a tenth of it on sql.js);
 * AVARA_ISOLATION_SEED replays a failure (fast-check prints the seed and path when one fails).
 */

const RUNS = Number(process.env.AVARA_ISOLATION_RUNS ?? 1000);
const SEED = process.env.AVARA_ISOLATION_SEED === undefined ? undefined : Number(process.env.AVARA_ISOLATION_SEED);

const NAMES = ['Müller^Zoë', 'Neptune^Ann', 'STRASSE^Jo', 'Straße^Eva', 'Doe^Jane', ''];
const DESCRIPTIONS = ['CT ABDOMEN PELVIS', 'Fall 1', 'Brain MRI', 'T1 VIBE3D 5° relaxo'];
const TERMS = ['zoë', 'ZOE', 'ann', 'strasse', 'ct', 'mri', 'fall', 'doe^jane', 'mrn-1', 'xyz'];
const SCAN_DATES = ['2024-01-01', '2024-01-02', '2024-03-10'];
const DATES = [null, ...SCAN_DATES];

const studyArb = fc.record({
  customer: fc.option(fc.nat(3), { nil: null }),
  severity: fc.constantFrom('normal', 'high'),
  product: fc.constantFrom('autoScribe', 'viewer'),
  scanDate: fc.constantFrom(...DATES),
  name: fc.constantFrom(...NAMES),
  description: fc.constantFrom(...DESCRIPTIONS),
  mrn: fc.nat(30),
});
const accountArb = (users: number, studies: number) => fc.record({
  customers: fc.integer({ min: 1, max: 4 }),
  users: fc.array(
    fc.record({
      admin: fc.boolean(),
      /** Bit i: member of customer i when the token is minted. */
      memberOf: fc.nat(15),
      /** Bit i: narrow the token to customer i (masked by what the user may name); 0 → no narrowing. */
      narrowTo: fc.nat(15),
      /** After minting: bit i removes the membership of customer i, then join adds it. */
      leave: fc.nat(15),
      join: fc.nat(15),
    }),
    { minLength: 1, maxLength: users },
  ),
  studies: fc.array(studyArb, { maxLength: studies }),
  /** Bit i: customer i deactivated after minting. */
  deactivate: fc.nat(15),
});
const worldArb = fc.record({
  // A rich account and a small one: enough to cross accounts, small enough for 1,000 runs.
  accounts: fc.tuple(accountArb(3, 7), accountArb(1, 3)),
  limit: fc.integer({ min: 2, max: 5 }),
  /**
   * The list plan's tuning, small values driving every path (trigram candidates, kept to the
   * caller's customers first or not; a bounded run; more trigrams; reading on).
   */
  plan: fc.record({
    candidateLimit: fc.constantFrom(0, 1, 3, 2000),
    scanRowsCovered: fc.constantFrom(0, 1, 2, 8000),
    scanRows: fc.constantFrom(0, 1, 2, 1500),
    indexLimit: fc.constantFrom(0, 1, 3, 50_000),
    narrowAbove: fc.constantFrom(0, 32),
    narrowRatio: fc.constantFrom(1, 4, 1000),
  }),
  /** Which studies each caller also reads by id (indices into all studies of the world). */
  probes: fc.array(fc.nat(9), { minLength: 3, maxLength: 3 }),
  filter: fc.oneof(
    fc.record({ kind: fc.constant('customer' as const), account: fc.nat(1), index: fc.nat(3) }),
    fc.record({ kind: fc.constant('severity' as const), value: fc.constantFrom('normal', 'high') }),
    fc.record({ kind: fc.constant('product' as const), value: fc.constantFrom('autoScribe', 'viewer') }),
    fc.record({ kind: fc.constant('q' as const), value: fc.constantFrom(...TERMS) }),
    fc.record({ kind: fc.constant('dates' as const), from: fc.constantFrom(...SCAN_DATES), to: fc.constantFrom(...SCAN_DATES) }),
  ),
});
type WorldSpec = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

const bit = (mask: number, i: number) => ((mask >> i) & 1) === 1;
/** The search rule, written here on its own: full case folding, substring, over these fields. */
const folded = (s: string) => s.normalize('NFKC').toUpperCase().toLowerCase();

interface ModelStudy {
  id: string;
  account: number;
  customer: string | null;
  severity: string;
  product: string;
  scanDate: string | null;
  haystack: string;
}
interface Caller {
  label: string;
  credential: string;
  account: number;
  sees: (s: ModelStudy) => boolean;
  customers: Set<string>;
}

/**
 * One world per run, in a database shared with earlier runs: every run adds two new accounts, so
 * each check also proves that the accounts of earlier runs leak nothing.
 */
async function check(spec: WorldSpec, { store, app }: { store: Store; app: ReturnType<typeof createApp> }): Promise<void> {
  Object.assign(LIST_PLAN, spec.plan);
  const call = async (path: string, credential: string, init: RequestInit = {}) => {
    const res = await app.request(path, { ...init, headers: { authorization: `Bearer ${credential}`, ...(init.headers ?? {}) } });
    return { status: res.status, body: (await res.json()) as any };
  };
  {
    const studies: ModelStudy[] = [];
    const callers: Caller[] = [];
    const customersOf: string[][] = [];
    const activeNow = new Map<string, boolean>();
    const membersNow = new Map<string, Set<string>>();
    let uid = 0;

    for (const [ai, acct] of spec.accounts.entries()) {
      const { account, secretKey } = await createAccountWithKey(store, `Account ${ai}`);
      const accountId = account.accountId;
      store.enableExpress(accountId);
      const customers = Array.from({ length: acct.customers }, (_, i) => store.createCustomer(accountId, `C${ai}.${i}`).expressCustomerId);
      customersOf.push(customers);
      for (const c of customers) {
        activeNow.set(c, true);
        membersNow.set(c, new Set());
      }
      for (const s of acct.studies) {
        const customer = s.customer === null ? null : customers[s.customer % customers.length]!;
        const mrn = `MRN-${s.mrn}`;
        const meta: Record<string, string> = { mrn };
        if (s.scanDate) meta.scanDate = s.scanDate;
        if (s.name) meta.patientName = s.name;
        const studyInstanceUid = `1.2.${++uid}`;
        const created = store.createStudy(accountId, {
          studyInstanceUid,
          studyDescription: s.description,
          severity: s.severity as 'normal',
          product: s.product as 'viewer',
          expressCustomerId: customer,
          reportMetadata: meta,
        });
        const nameWords = s.name.replace(/\^+/g, ' ');
        studies.push({
          id: created.studyId,
          account: ai,
          customer,
          severity: s.severity,
          product: s.product,
          scanDate: s.scanDate,
          haystack: folded([s.name, nameWords, mrn, s.description, studyInstanceUid].join('\n')),
        });
      }
      callers.push({ label: `secret key of account ${ai}`, credential: secretKey, account: ai, sees: (s) => s.account === ai, customers: new Set(customers) });

      const minted: { user: string; admin: boolean; narrowed: Set<string> | null; token: string; spec: (typeof acct.users)[number] }[] = [];
      for (const [ui, u] of acct.users.entries()) {
        const user = store.createUser(accountId, { email: `u${ui}@a${ai}.test`, name: `U${ui}`, role: u.admin ? 'platform_admin' : 'member', status: 'active' }).userId;
        customers.forEach((c, i) => {
          if (bit(u.memberOf, i)) {
            store.addMembership(c, user);
            membersNow.get(c)!.add(user);
          }
        });
        const nameable = customers.filter((c, i) => u.admin || bit(u.memberOf, i));
        const narrow = nameable.filter((_, i) => bit(u.narrowTo, customers.indexOf(nameable[i]!)));
        const body: Record<string, unknown> = { userId: user };
        if (narrow.length) body.expressCustomerIds = narrow;
        const r = await call('/v1/widget-tokens', secretKey, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        minted.push({ user, admin: u.admin, narrowed: narrow.length ? new Set(narrow) : null, token: r.body.token, spec: u });
      }
      // After minting: memberships change and customers are deactivated; tokens stay the same.
      for (const m of minted) {
        customers.forEach((c, i) => {
          if (bit(m.spec.leave, i) && store.removeMembership(c, m.user)) membersNow.get(c)!.delete(m.user);
          if (bit(m.spec.join, i)) {
            store.addMembership(c, m.user);
            membersNow.get(c)!.add(m.user);
          }
        });
      }
      customers.forEach((c, i) => {
        if (bit(acct.deactivate, i)) {
          store.setCustomerActive(accountId, c, false);
          activeNow.set(c, false);
        }
      });
      for (const m of minted) {
        const inScope = (c: string | null) => c !== null && (m.narrowed === null || m.narrowed.has(c));
        const sees = m.admin
          ? (s: ModelStudy) => s.account === ai && (m.narrowed === null || inScope(s.customer))
          : (s: ModelStudy) =>
              s.account === ai && inScope(s.customer) && activeNow.get(s.customer!) === true && membersNow.get(s.customer!)!.has(m.user);
        const customersSeen = new Set(
          customers.filter((c) =>
            m.admin ? m.narrowed === null || m.narrowed.has(c) : activeNow.get(c) && membersNow.get(c)!.has(m.user) && (m.narrowed === null || m.narrowed.has(c)),
          ),
        );
        callers.push({ label: `${m.admin ? 'admin' : 'member'} ${m.user} of account ${ai}`, credential: m.token, account: ai, sees, customers: customersSeen });
      }
    }

    const byNewest = (a: ModelStudy & { createdAt: string }, b: ModelStudy & { createdAt: string }) =>
      a.scanDate === b.scanDate
        ? b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id)
        : a.scanDate === null
          ? 1
          : b.scanDate === null
            ? -1
            : b.scanDate.localeCompare(a.scanDate);
    const created = new Map(
      studies.map((s) => [s.id, store.db.get<{ created_at: string }>('SELECT created_at FROM studies WHERE id = ?', [s.id])!.created_at]),
    );

    const walk = async (credential: string, query: string) => {
      const ids: string[] = [];
      let cursor = '';
      for (let page = 0; page < 100; page++) {
        const r = await call(`/v1/studies?limit=${spec.limit}${query}${cursor ? `&cursor=${cursor}` : ''}`, credential);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        assert.ok(r.body.studies.length <= spec.limit);
        ids.push(...r.body.studies.map((s: Study) => s.studyId));
        if (!r.body.hasMore) return ids;
        cursor = r.body.nextCursor;
      }
      assert.fail('paging did not end');
    };

    // A reversed date range is a 400 (the bad-input tests cover it); here only valid ranges are asked.
    const f =
      spec.filter.kind === 'dates' && spec.filter.from > spec.filter.to
        ? { ...spec.filter, from: spec.filter.to, to: spec.filter.from }
        : spec.filter;
    const filterQuery =
      f.kind === 'customer'
        ? `&expressCustomerId=${customersOf[f.account]![f.index % customersOf[f.account]!.length]}`
        : f.kind === 'q'
          ? `&q=${encodeURIComponent(f.value)}`
          : f.kind === 'dates'
            ? `&scanDateFrom=${f.from}&scanDateTo=${f.to}`
            : `&${f.kind}=${f.value}`;
    const passes = (s: ModelStudy) =>
      f.kind === 'customer'
        ? s.customer === customersOf[f.account]![f.index % customersOf[f.account]!.length]
        : f.kind === 'q'
          ? s.haystack.includes(folded(f.value))
          : f.kind === 'dates'
            ? s.scanDate !== null && s.scanDate >= f.from && s.scanDate <= f.to
            : f.kind === 'severity'
              ? s.severity === f.value
              : s.product === f.value;

    for (const caller of callers) {
      const expected = studies
        .filter(caller.sees)
        .map((s) => ({ ...s, createdAt: created.get(s.id)! }))
        .sort(byNewest)
        .map((s) => s.id);
      assert.deepEqual(await walk(caller.credential, ''), expected, `${caller.label}: GET /v1/studies`);
      const filtered = studies.filter((s) => caller.sees(s) && passes(s)).map((s) => s.id);
      assert.deepEqual(
        new Set(await walk(caller.credential, filterQuery)),
        new Set(filtered),
        `${caller.label}: GET /v1/studies?${filterQuery.slice(1)}`,
      );
      const probed = studies.length ? [...new Set(spec.probes.map((i) => studies[i % studies.length]!))] : [];
      for (const s of probed) {
        const r = await call(`/v1/studies/${s.id}`, caller.credential);
        assert.equal(r.status, caller.sees(s) ? 200 : 404, `${caller.label}: GET /v1/studies/${s.id}`);
      }
      const mine = await call('/v1/me/customers?limit=100', caller.credential);
      assert.equal(mine.status, 200);
      const got: ExpressCustomer[] = mine.body.expressCustomers;
      assert.deepEqual(new Set(got.map((c) => c.expressCustomerId)), caller.customers, `${caller.label}: GET /v1/me/customers`);
      for (const c of got) {
        assert.equal(c.isActive, activeNow.get(c.expressCustomerId), `${caller.label}: isActive of ${c.expressCustomerId}`);
        assert.equal(c.userCount, membersNow.get(c.expressCustomerId)!.size, `${caller.label}: userCount of ${c.expressCustomerId}`);
      }
    }
  }
}

let sqlJs: SqlJsStatic | undefined;
const DRIVERS: [string, number, () => Promise<SqlDriver>][] = [
  ['better-sqlite3', RUNS, async () => betterSqliteDriver(':memory:')],
  ['sql.js', Math.max(1, Math.round(RUNS / 10)), async () => sqlJsDriver((sqlJs ??= await initSqlJs()))],
];

describe('isolation: every read path equals the access rule, in random worlds', () => {
  for (const [name, runs, open] of DRIVERS) {
    it(`${runs} random worlds (${name})`, async (t) => {
      const seed = SEED ?? Math.floor(Math.random() * 2 ** 31);
      t.diagnostic(`seed ${seed} (replay: AVARA_ISOLATION_SEED=${seed})`);
      // A database lives for 50 worlds: enough neighbours to leak from, small enough to stay fast.
      let db: { driver: SqlDriver; store: Store; app: ReturnType<typeof createApp> } | undefined;
      let used = 0;
      const world = async () => {
        if (!db || used++ % 50 === 0) {
          db?.driver.close();
          const driver = await open();
          const store = new Store(driver);
          db = { driver, store, app: createApp({ store }) };
        }
        return db;
      };
      const defaults = { ...LIST_PLAN };
      try {
        await fc.assert(
          fc.asyncProperty(worldArb, async (spec) => check(spec, await world())),
          { numRuns: runs, seed, includeErrorInReport: true },
        );
      } finally {
        Object.assign(LIST_PLAN, defaults);
        db?.driver.close();
      }
    });
  }
});
