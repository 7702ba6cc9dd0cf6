import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AvaraConflictError,
  AvaraError,
  AvaraInvalidRequestError,
  AvaraNotFoundError,
  AvaraPermissionError,
  type ExpressCustomer,
} from '../../sdk/index.js';
import { apiHarness, type Harness } from '../support/api-harness.js';
import { DRIVERS } from '../support/drivers.js';

/** The documented flows of the Express contract, through the SDK, over both SQLite drivers. */

const CUS = /^cus_[0-9a-f]{32}$/;
const USR = /^usr_[0-9a-f]{32}$/;
const STD = /^std_[0-9a-f]{32}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

async function rejects(p: Promise<unknown>, expected: { status: number; type: string; code: string; param?: string }) {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof AvaraError, `expected an AvaraError, got ${e}`);
    assert.deepEqual(
      { status: e.status, type: e.type, code: e.code, ...(expected.param === undefined ? {} : { param: e.param }) },
      expected,
    );
    assert.ok(e.message.length > 15, `a clear message, got "${e.message}"`);
    return e;
  }
  assert.fail(`expected ${expected.code}`);
}

type Flow = [name: string, run: (h: Harness) => Promise<void>];

const FLOWS: Flow[] = [
  [
    'Express starts disabled, is refused until enabled, and cannot be disabled',
    async (h) => {
      const a = await h.account({ express: false });
      const account = await a.sdk.account.retrieve();
      assert.equal(account.expressEnabled, false);
      assert.match(account.accountId, /^acct_[0-9a-f]{32}$/);
      assert.match(account.createdAt, ISO);
      const e = await rejects(a.sdk.express.create({ expressCustomerName: 'Early' }), {
        status: 403,
        type: 'permission_error',
        code: 'express_not_enabled',
      });
      assert.match(e.message, /Express is not enabled/);
      await rejects(a.sdk.express.list(), { status: 403, type: 'permission_error', code: 'express_not_enabled' });
      // A study with a customer is refused; one without is fine (plain Avara).
      await rejects(
        a.sdk.viewer.studies.create({
          studyInstanceUid: '1.2.3.1',
          studyDescription: 'CT',
          severity: 'normal',
          expressCustomerId: 'cus_1234567890abcdef1234567890abcdef',
        }),
        { status: 403, type: 'permission_error', code: 'express_not_enabled' },
      );
      const plain = await a.sdk.viewer.studies.create({ studyInstanceUid: '1.2.3.2', studyDescription: 'CT', severity: 'normal' });
      assert.equal(plain.expressCustomerId, null);

      const enabled = await a.sdk.account.enableExpress();
      assert.equal(enabled.expressEnabled, true);
      assert.deepEqual(await a.sdk.account.enableExpress(), enabled, 'enabling again changes nothing');
      const disable = await h.call('POST', '/v1/account/express/disable', { credential: a.secretKey });
      assert.equal(disable.status, 400);
      assert.equal(disable.body.error.code, 'express_cannot_be_disabled');
      assert.equal((await a.sdk.account.retrieve()).expressEnabled, true);
      assert.match((await a.sdk.express.create({ expressCustomerName: 'Now' })).expressCustomerId, CUS);
    },
  ],
  [
    'a user is invited, cannot be added until they accept, accepts once (publicly), and is listed',
    async (h) => {
      const a = await h.account();
      const customer = await a.sdk.express.create({ expressCustomerName: 'City Medical Center' });
      const inv = await a.sdk.users.invite({ email: 'Jane.Doe@Example.test', name: 'Jane Doe' });
      assert.match(inv.userId, USR);
      assert.equal(inv.status, 'invited');
      assert.equal(inv.role, 'member');
      assert.equal(inv.email, 'Jane.Doe@Example.test');
      assert.match(inv.invitationToken, /^inv_[0-9a-f]{64}$/);
      // Only a hash is stored.
      const stored = JSON.stringify(h.store.db.all('SELECT * FROM users'));
      assert.ok(!stored.includes(inv.invitationToken.slice(4)), 'the invitation token is not stored');

      const add = await rejects(a.sdk.express.addUser(customer.expressCustomerId, { userId: inv.userId }), {
        status: 409,
        type: 'conflict_error',
        code: 'user_not_active',
        param: 'userId',
      });
      assert.match(add.message, /accept/);
      // Acceptance is public: no credential at all.
      const accepted = await h.call('POST', `/v1/invitations/${inv.invitationToken}/accept`);
      assert.equal(accepted.status, 200);
      assert.equal(accepted.body.status, 'active');
      assert.equal(accepted.body.userId, inv.userId);
      assert.equal(accepted.body.invitationToken, undefined);
      await rejects(a.sdk.users.accept(inv.invitationToken), { status: 409, type: 'conflict_error', code: 'invitation_already_accepted' });
      await rejects(a.sdk.users.accept(`inv_${'0'.repeat(64)}`), { status: 404, type: 'not_found_error', code: 'resource_missing' });

      const after = await a.sdk.express.addUser(customer.expressCustomerId, { userId: inv.userId });
      assert.equal(after.userCount, 1);
      const me = await a.sdk.users.retrieve(inv.userId);
      assert.deepEqual(me, { userId: inv.userId, email: inv.email, name: 'Jane Doe', role: 'member', status: 'active', createdAt: inv.createdAt });
      await rejects(a.sdk.users.invite({ email: 'jane.doe@example.TEST', name: 'Again' }), {
        status: 409,
        type: 'conflict_error',
        code: 'email_taken',
        param: 'email',
      });
      const admin = await a.sdk.users.invite({ email: 'ops@example.test', name: 'Ops', role: 'platform_admin' });
      assert.equal(admin.role, 'platform_admin');
      const list = await a.sdk.users.list();
      assert.deepEqual(list.users.map((u) => u.userId), [admin.userId, inv.userId], 'newest first');
      assert.equal(list.hasMore, false);
    },
  ],
  [
    'customers: create, retrieve, list by cursor, rename and merge metadata',
    async (h) => {
      const a = await h.account();
      const created = await a.sdk.express.create({
        expressCustomerName: 'City Medical Center',
        metadata: { department: 'radiology', region: 'northeast' },
      });
      assert.match(created.expressCustomerId, CUS);
      assert.deepEqual(
        { ...created, expressCustomerId: 'x', createdAt: 'x', updatedAt: 'x' },
        {
          expressCustomerId: 'x',
          expressCustomerName: 'City Medical Center',
          metadata: { department: 'radiology', region: 'northeast' },
          isActive: true,
          userCount: 0,
          createdAt: 'x',
          updatedAt: 'x',
        },
      );
      assert.deepEqual(await a.sdk.express.retrieve(created.expressCustomerId), created);

      h.clock.advance(1000);
      const updated = await a.sdk.express.update(created.expressCustomerId, {
        expressCustomerName: 'City Medical Center - Updated',
        metadata: { wing: 'Building A', region: '' },
      });
      assert.equal(updated.expressCustomerName, 'City Medical Center - Updated');
      assert.deepEqual(updated.metadata, { department: 'radiology', wing: 'Building A' }, 'merged key by key; "" removes');
      assert.ok(updated.updatedAt > created.updatedAt);
      assert.equal(updated.createdAt, created.createdAt);
      const same = await a.sdk.express.update(created.expressCustomerId, { metadata: { wing: 'Building A' } });
      assert.equal(same.updatedAt, updated.updatedAt, 'no change, no new updatedAt');

      const more: string[] = [];
      for (let i = 0; i < 23; i++) more.push((await a.sdk.express.create({ expressCustomerName: `Clinic ${i}` })).expressCustomerId);
      const walked: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await a.sdk.express.list({ limit: 7, cursor });
        pages++;
        walked.push(...page.expressCustomers.map((c) => c.expressCustomerId));
        assert.equal(page.hasMore, page.nextCursor !== undefined);
        cursor = page.nextCursor;
      } while (cursor);
      assert.equal(pages, 4);
      assert.deepEqual(walked, [...more].reverse().concat(created.expressCustomerId), 'newest first, each once');
    },
  ],
  [
    'memberships: add (idempotent), remove (non-member is 404), deactivate and reactivate answer the customer',
    async (h) => {
      const a = await h.account();
      const { expressCustomerId: id } = await a.sdk.express.create({ expressCustomerName: 'Lakeshore' });
      const ana = await a.activeUser('Ana');
      const ben = await a.activeUser('Ben');
      const check = (c: ExpressCustomer, userCount: number, isActive: boolean) => {
        assert.equal(c.expressCustomerId, id);
        assert.equal(c.userCount, userCount);
        assert.equal(c.isActive, isActive);
      };
      check(await a.sdk.express.addUser(id, { userId: ana }), 1, true);
      check(await a.sdk.express.addUser(id, { userId: ana }), 1, true);
      check(await a.sdk.express.addUser(id, { userId: ben }), 2, true);
      check(await a.sdk.express.deactivate(id), 2, false);
      check(await a.sdk.express.deactivate(id), 2, false);
      check(await a.sdk.express.removeUser(id, { userId: ben }), 1, false);
      const e = await rejects(a.sdk.express.removeUser(id, { userId: ben }), {
        status: 404,
        type: 'not_found_error',
        code: 'resource_missing',
        param: 'userId',
      });
      assert.ok(e instanceof AvaraNotFoundError);
      check(await a.sdk.express.reactivate(id), 1, true);
      check(await a.sdk.express.retrieve(id), 1, true);
      await rejects(a.sdk.express.addUser(id, { userId: 'usr_0123456789abcdef0123456789abcdef' }), {
        status: 404,
        type: 'not_found_error',
        code: 'resource_missing',
        param: 'userId',
      });
    },
  ],
  [
    'metadata limits are a clear 400 naming metadata',
    async (h) => {
      const a = await h.account();
      const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
      const c = await a.sdk.express.create({ expressCustomerName: 'Limits', metadata: fifty });
      assert.equal(Object.keys(c.metadata).length, 50);
      const cases: [Record<string, string>, string][] = [
        [{ extra: 'one too many' }, 'too_many_metadata_keys'],
        [{ ['k'.repeat(41)]: 'v' }, 'metadata_key_too_long'],
        [{ k0: 'v'.repeat(501) }, 'metadata_value_too_long'],
      ];
      for (const [metadata, code] of cases) {
        const e = await rejects(a.sdk.express.update(c.expressCustomerId, { metadata }), {
          status: 400,
          type: 'invalid_request_error',
          code,
          param: 'metadata',
        });
        assert.ok(e instanceof AvaraInvalidRequestError);
      }
      // Removing one key makes room for another in the same request.
      const swapped = await a.sdk.express.update(c.expressCustomerId, { metadata: { k0: '', extra: 'fits' } });
      assert.equal(Object.keys(swapped.metadata).length, 50);
      assert.equal(swapped.metadata.extra, 'fits');
      // 40-character keys and 500-character values (in characters, not bytes) are fine.
      const edge = await a.sdk.express.update(c.expressCustomerId, { metadata: { k1: '', ['é'.repeat(40)]: '💡'.repeat(500) } });
      assert.equal(edge.metadata['é'.repeat(40)], '💡'.repeat(500));
    },
  ],
  [
    'studies: both products, every reportMetadata field, absent fields omitted, duplicates refused',
    async (h) => {
      const a = await h.account();
      const { expressCustomerId } = await a.sdk.express.create({ expressCustomerName: 'City Medical Center' });
      const study = await a.sdk.autoScribe.studies.create({
        studyInstanceUid: '1.2.840.113619.2.55.3.604688119.868.1234567890.123',
        studyDescription: 'Brain MRI with Contrast',
        severity: 'normal',
        expressCustomerId,
        reportMetadata: {
          scanDate: '2024-03-15',
          scanType: 'MRI Brain with Contrast',
          patientName: 'Jane Doe',
          facilityName: 'City Medical Center',
          sex: 'female',
          dateOfBirth: '1985-07-20',
          mrn: 'MRN-2024-001234',
        },
      });
      assert.match(study.studyId, STD);
      assert.equal(study.product, 'autoScribe');
      assert.equal(study.expressCustomerId, expressCustomerId);
      assert.deepEqual(study.reportMetadata, {
        scanDate: '2024-03-15',
        scanType: 'MRI Brain with Contrast',
        patientName: 'Jane Doe',
        facilityName: 'City Medical Center',
        sex: 'female',
        dateOfBirth: '1985-07-20',
        mrn: 'MRN-2024-001234',
      });
      assert.deepEqual(await a.sdk.studies.retrieve(study.studyId), study);

      const viewer = await a.sdk.viewer.studies.create({
        studyInstanceUid: '1.2.840.113619.2.55.3.604688119.868.1234567890.124',
        studyDescription: 'CT Chest/Abdomen/Pelvis',
        severity: 'high',
        expressCustomerId,
        reportMetadata: { scanDate: '2024-03-16', patientName: null as unknown as string, mrn: '' },
      });
      assert.equal(viewer.product, 'viewer');
      assert.deepEqual(viewer.reportMetadata, { scanDate: '2024-03-16' }, 'null and "" are absent, and absent is omitted');
      const raw = await h.call('GET', `/v1/studies/${viewer.studyId}`, { credential: a.secretKey });
      assert.ok(!raw.text.includes('patientName') && !raw.text.includes('mrn'));

      const dup = await rejects(
        a.sdk.viewer.studies.create({ studyInstanceUid: study.studyInstanceUid, studyDescription: 'again', severity: 'normal' }),
        { status: 409, type: 'conflict_error', code: 'study_exists', param: 'studyInstanceUid' },
      );
      assert.ok(dup instanceof AvaraConflictError);
      // Another account may hold the same UID: nothing crosses accounts.
      const other = await h.account();
      const theirs = await other.sdk.viewer.studies.create({ studyInstanceUid: study.studyInstanceUid, studyDescription: 'x', severity: 'normal' });
      assert.notEqual(theirs.studyId, study.studyId);
      // Another account's customer is unknown here.
      const { expressCustomerId: foreign } = await other.sdk.express.create({ expressCustomerName: 'Theirs' });
      await rejects(
        a.sdk.viewer.studies.create({ studyInstanceUid: '1.2.9', studyDescription: 'x', severity: 'normal', expressCustomerId: foreign }),
        { status: 404, type: 'not_found_error', code: 'resource_missing', param: 'expressCustomerId' },
      );
    },
  ],
  [
    'severity and reportMetadata are validated with messages that say what is allowed',
    async (h) => {
      const a = await h.account();
      const base = { studyInstanceUid: '1.2.3', studyDescription: 'x', severity: 'normal' as const };
      const sev = await rejects(a.sdk.viewer.studies.create({ ...base, severity: 'urgent' as 'high' }), {
        status: 400,
        type: 'invalid_request_error',
        code: 'invalid_enum',
        param: 'severity',
      });
      assert.match(sev.message, /"normal", "high"/);
      const cases: [Record<string, unknown>, string, string][] = [
        [{ scanDate: '2023-02-29' }, 'reportMetadata.scanDate', 'invalid_date'],
        [{ scanDate: '2024-3-15' }, 'reportMetadata.scanDate', 'invalid_date'],
        [{ dateOfBirth: '1985-13-01' }, 'reportMetadata.dateOfBirth', 'invalid_date'],
        [{ sex: 'F' }, 'reportMetadata.sex', 'invalid_enum'],
        [{ patientAge: '42' }, 'reportMetadata.patientAge', 'unknown_parameter'],
        [{ mrn: 42 }, 'reportMetadata.mrn', 'invalid_string'],
      ];
      for (const [reportMetadata, param, code] of cases) {
        const e = await rejects(a.sdk.viewer.studies.create({ ...base, reportMetadata } as never), {
          status: 400,
          type: 'invalid_request_error',
          code,
          param,
        });
        if (code === 'invalid_enum') assert.match(e.message, /"female", "male", "other", "unknown"/);
      }
      // A leap day that exists is fine.
      const ok = await a.sdk.viewer.studies.create({ ...base, reportMetadata: { scanDate: '2024-02-29' } });
      assert.equal(ok.reportMetadata.scanDate, '2024-02-29');
    },
  ],
  [
    'a study of an inactive customer is kept, seen by admins, and by members once reactivated',
    async (h) => {
      const a = await h.account();
      const { expressCustomerId: id } = await a.sdk.express.create({ expressCustomerName: 'Harbor' });
      const ana = await a.activeUser('Ana');
      const admin = await a.activeUser('Alex', 'platform_admin');
      await a.sdk.express.addUser(id, { userId: ana });
      await a.sdk.express.deactivate(id);
      const study = await a.sdk.autoScribe.studies.create({ studyInstanceUid: '1.5', studyDescription: 'Incoming', severity: 'high', expressCustomerId: id });
      const anaToken = await a.token(ana);
      const seen = async (token: string) =>
        (await h.call('GET', '/v1/studies', { credential: token })).body.studies.map((s: { studyId: string }) => s.studyId);
      assert.deepEqual(await seen(anaToken), []);
      assert.deepEqual(await seen(await a.token(admin)), [study.studyId]);
      const adminCustomers = await h.call('GET', '/v1/me/customers', { credential: await a.token(admin) });
      assert.deepEqual(
        adminCustomers.body.expressCustomers.map((c: ExpressCustomer) => [c.expressCustomerId, c.isActive]),
        [[id, false]],
      );
      assert.deepEqual((await h.call('GET', '/v1/me/customers', { credential: anaToken })).body.expressCustomers, []);
      await a.sdk.express.reactivate(id);
      assert.deepEqual(await seen(anaToken), [study.studyId], 'the same token, on the next request');
    },
  ],
  [
    'widget tokens: default scopes, me, narrowing, and never widening',
    async (h) => {
      const a = await h.account();
      const north = (await a.sdk.express.create({ expressCustomerName: 'Northside' })).expressCustomerId;
      const lake = (await a.sdk.express.create({ expressCustomerName: 'Lakeshore' })).expressCustomerId;
      const ana = await a.activeUser('Ana');
      await a.sdk.express.addUser(north, { userId: ana });
      const minted = await a.sdk.widgetTokens.create({ userId: ana });
      assert.deepEqual(minted.scopes, ['studies:read', 'customers:read', 'viewer:open']);
      assert.equal(minted.expressCustomerIds, null);
      assert.equal(Date.parse(minted.expiresAt) - h.clock.now(), 900_000 - (h.clock.now() % 1000));
      const me = await h.call('GET', '/v1/me', { credential: minted.token });
      assert.deepEqual(me.body, { userId: ana, name: 'Ana', role: 'member', scopes: minted.scopes, expiresAt: minted.expiresAt });
      const refused = await rejects(a.sdk.widgetTokens.create({ userId: ana, expressCustomerIds: [lake] }), {
        status: 400,
        type: 'invalid_request_error',
        code: 'customer_not_allowed',
        param: 'expressCustomerIds',
      });
      assert.match(refused.message, /never widen/);
      await rejects(a.sdk.widgetTokens.create({ userId: ana, scopes: ['customers:manage'] }), {
        status: 400,
        type: 'invalid_request_error',
        code: 'scope_not_allowed',
        param: 'scopes',
      });
      await rejects(a.sdk.widgetTokens.create({ userId: ana, ttlSeconds: 3601 }), {
        status: 400,
        type: 'invalid_request_error',
        code: 'invalid_ttl',
        param: 'ttlSeconds',
      });
      const narrow = await a.sdk.widgetTokens.create({ userId: ana, expressCustomerIds: [north], scopes: ['studies:read'] });
      assert.deepEqual(narrow.expressCustomerIds, [north]);
      const e = await h.call('GET', '/v1/me/customers', { credential: narrow.token });
      assert.equal(e.status, 403);
      assert.equal(e.body.error.code, 'missing_scope');
      assert.match(e.body.error.message, /customers:read/);
    },
  ],
  [
    'me/customers: a member gets active customers by name; an admin gets all with isActive; both searchable and paged',
    async (h) => {
      const a = await h.account();
      const names = ['Zeta Imaging', 'Hôpital Saint-Éloi', 'Straße Klinik', 'alpha Radiology', 'Beta Clinic', 'Closed Clinic'];
      const ids = Object.fromEntries(
        await Promise.all(names.map(async (n) => [n, (await a.sdk.express.create({ expressCustomerName: n })).expressCustomerId] as const)),
      );
      const ana = await a.activeUser('Ana');
      for (const n of ['Zeta Imaging', 'Hôpital Saint-Éloi', 'Straße Klinik', 'Closed Clinic']) await a.sdk.express.addUser(ids[n]!, { userId: ana });
      await a.sdk.express.deactivate(ids['Closed Clinic']!);
      const admin = await a.activeUser('Alex', 'platform_admin');
      const anaToken = await a.token(ana);
      const adminToken = await a.token(admin);
      const names$ = async (token: string, q = '') =>
        (await h.call('GET', `/v1/me/customers${q}`, { credential: token })).body.expressCustomers.map(
          (c: ExpressCustomer) => `${c.expressCustomerName}${c.isActive ? '' : ' (inactive)'}`,
        );
      assert.deepEqual(await names$(anaToken), ['Hôpital Saint-Éloi', 'Straße Klinik', 'Zeta Imaging']);
      assert.deepEqual(await names$(adminToken), [
        'alpha Radiology',
        'Beta Clinic',
        'Closed Clinic (inactive)',
        'Hôpital Saint-Éloi',
        'Straße Klinik',
        'Zeta Imaging',
      ]);
      assert.deepEqual(await names$(anaToken, '?q=%C3%89LOI'), ['Hôpital Saint-Éloi'], 'É matches é');
      assert.deepEqual(await names$(anaToken, '?q=STRASSE'), ['Straße Klinik'], 'full case folding: ß is ss');
      assert.deepEqual(await names$(adminToken, '?q=clinic'), ['Beta Clinic', 'Closed Clinic (inactive)']);
      assert.deepEqual(await names$(anaToken, '?q=beta'), [], 'search never widens');
      const narrowed = await a.token(admin, { expressCustomerIds: [ids['Beta Clinic']!] });
      assert.deepEqual(await names$(narrowed), ['Beta Clinic']);
      // Paging by name.
      const walked: string[] = [];
      let cursor = '';
      do {
        const r = await h.call('GET', `/v1/me/customers?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { credential: adminToken });
        walked.push(...r.body.expressCustomers.map((c: ExpressCustomer) => c.expressCustomerName));
        cursor = r.body.nextCursor ?? '';
      } while (cursor);
      assert.equal(walked.length, 6);
      assert.deepEqual(walked, (await names$(adminToken)).map((n: string) => n.replace(' (inactive)', '')));
    },
  ],
  [
    'customers:manage lets a platform admin’s widget token manage customers, narrowed to what it names',
    async (h) => {
      const a = await h.account();
      const north = (await a.sdk.express.create({ expressCustomerName: 'Northside' })).expressCustomerId;
      const lake = (await a.sdk.express.create({ expressCustomerName: 'Lakeshore' })).expressCustomerId;
      const admin = await a.activeUser('Alex', 'platform_admin');
      const ana = await a.activeUser('Ana');
      const plain = await a.token(admin);
      const noScope = await h.call('GET', '/v1/express/customers', { credential: plain });
      assert.equal(noScope.status, 403);
      assert.match(noScope.body.error.message, /customers:manage/);
      const manage = await a.token(admin, { scopes: ['customers:manage'] });
      const list = await h.call('GET', '/v1/express/customers', { credential: manage });
      assert.equal(list.status, 200);
      assert.deepEqual(list.body.expressCustomers.map((c: ExpressCustomer) => c.expressCustomerId), [lake, north]);
      const add = await h.call('POST', `/v1/express/customers/${north}/users`, { credential: manage, body: { userId: ana } });
      assert.equal(add.status, 200);
      assert.equal(add.body.userCount, 1);
      const narrowed = await a.token(admin, { scopes: ['customers:manage'], expressCustomerIds: [north] });
      const other = await h.call('GET', `/v1/express/customers/${lake}`, { credential: narrowed });
      assert.equal(other.status, 404);
      const create = await h.call('POST', '/v1/express/customers', { credential: narrowed, body: { expressCustomerName: 'New' } });
      assert.equal(create.status, 403);
      assert.equal(create.body.error.code, 'token_narrowed');
      // Users and studies stay secret-key only.
      const users = await h.call('GET', '/v1/users', { credential: manage });
      assert.equal(users.status, 403);
      assert.equal(users.body.error.code, 'secret_key_required');
    },
  ],
  [
    'Idempotency-Key: a retry answers the first response; another body with the same key is a 409',
    async (h) => {
      const a = await h.account();
      const headers = { 'idempotency-key': 'create-city-1' };
      const body = { expressCustomerName: 'City Medical Center' };
      const first = await h.call('POST', '/v1/express/customers', { credential: a.secretKey, body, headers });
      h.clock.advance(60_000);
      const again = await h.call('POST', '/v1/express/customers', { credential: a.secretKey, body, headers });
      assert.equal(again.status, first.status);
      assert.equal(again.text, first.text, 'the same body, byte for byte');
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.equal((await a.sdk.express.list()).expressCustomers.length, 1, 'one customer, not two');
      const other = await h.call('POST', '/v1/express/customers', { credential: a.secretKey, body: { expressCustomerName: 'Other' }, headers });
      assert.equal(other.status, 409);
      assert.equal(other.body.error.code, 'idempotency_key_reused');
      assert.equal(other.body.error.param, 'Idempotency-Key');
      // An error is remembered too: the same failing request answers the same error.
      const dupUid = { studyInstanceUid: '1.2.77', studyDescription: 'x', severity: 'normal' };
      await a.sdk.viewer.studies.create(dupUid as never);
      const failed = await h.call('POST', '/v1/viewer/studies', { credential: a.secretKey, body: dupUid, headers: { 'idempotency-key': 'dup' } });
      assert.equal(failed.status, 409);
      const failedAgain = await h.call('POST', '/v1/viewer/studies', { credential: a.secretKey, body: dupUid, headers: { 'idempotency-key': 'dup' } });
      assert.equal(failedAgain.text, failed.text);
      // Keys belong to one account: another account's same key runs its own request.
      const b = await h.account();
      const theirs = await h.call('POST', '/v1/express/customers', { credential: b.secretKey, body, headers });
      assert.equal(theirs.status, 200);
      assert.notEqual(theirs.body.expressCustomerId, first.body.expressCustomerId);
      // After 24 hours the key is forgotten: the request runs again.
      h.clock.advance(24 * 3600_000);
      const later = await h.call('POST', '/v1/express/customers', { credential: a.secretKey, body, headers });
      assert.equal(later.status, 200);
      assert.notEqual(later.body.expressCustomerId, first.body.expressCustomerId);
      assert.equal((await a.sdk.express.list()).expressCustomers.length, 2);
    },
  ],
  [
    'Idempotency-Key never stores a credential: a widget token is minted again, an invitation replays with a new token',
    async (h) => {
      const a = await h.account();
      const remembered = () => h.store.db.all<{ body: string | null }>('SELECT body FROM idempotency_keys').map((r) => r.body ?? '').join('\n');
      // An invitation: remembered without its token; the replay gives the same invitation a new token.
      const body = { email: 'zed@example.test', name: 'Zed' };
      const headers = { 'idempotency-key': 'invite-zed' };
      const first = await h.call('POST', '/v1/users/invitations', { credential: a.secretKey, body, headers });
      assert.equal(first.status, 200);
      assert.match(first.body.invitationToken, /^inv_[0-9a-f]{64}$/);
      assert.ok(!remembered().includes('inv_'), 'no invitation token in the database');
      const again = await h.call('POST', '/v1/users/invitations', { credential: a.secretKey, body, headers });
      assert.equal(again.status, 200);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.equal(again.body.userId, first.body.userId, 'the same invitation');
      assert.match(again.body.invitationToken, /^inv_[0-9a-f]{64}$/);
      assert.notEqual(again.body.invitationToken, first.body.invitationToken);
      assert.ok(!remembered().includes('inv_'), 'still none after the replay');
      // The replaced token no longer works; the new one does, once.
      const stale = await h.call('POST', `/v1/invitations/${first.body.invitationToken}/accept`);
      assert.equal(stale.status, 404);
      const accepted = await h.call('POST', `/v1/invitations/${again.body.invitationToken}/accept`);
      assert.equal(accepted.status, 200);
      assert.equal(accepted.body.status, 'active');
      // A replay after acceptance: the same invitation, and no token (there is nothing left to accept).
      const late = await h.call('POST', '/v1/users/invitations', { credential: a.secretKey, body, headers });
      assert.equal(late.status, 200);
      assert.equal(late.body.userId, first.body.userId);
      assert.equal(late.body.invitationToken, null);
      assert.equal(late.body.status, 'active', 'the user as they are now, not "invited" with no token');
      assert.equal((await a.sdk.users.list()).users.filter((u) => u.email === 'zed@example.test').length, 1, 'invited once');

      // A widget token is not remembered: the same key mints a new, current token.
      const tokenHeaders = { 'idempotency-key': 'mint-zed' };
      const minted = await h.call('POST', '/v1/widget-tokens', { credential: a.secretKey, body: { userId: first.body.userId, ttlSeconds: 60 }, headers: tokenHeaders });
      assert.equal(minted.status, 200);
      assert.ok(!remembered().includes(minted.body.token), 'no widget token in the database');
      h.clock.advance(120_000); // the first token has expired
      const reminted = await h.call('POST', '/v1/widget-tokens', { credential: a.secretKey, body: { userId: first.body.userId, ttlSeconds: 60 }, headers: tokenHeaders });
      assert.equal(reminted.status, 200);
      assert.equal(reminted.headers.get('idempotent-replayed'), null);
      assert.ok(Date.parse(reminted.body.expiresAt) > h.clock.now(), 'a token that has not expired');
      const me = await h.call('GET', '/v1/me', { credential: reminted.body.token });
      assert.equal(me.status, 200);
    },
  ],
  [
    'the SDK retries a create whose answer was lost, and the customer is created once',
    async (h) => {
      const a = await h.account();
      let calls = 0;
      const keys: (string | null)[] = [];
      const flaky: typeof fetch = async (input, init) => {
        calls++;
        keys.push(new Headers(init?.headers).get('idempotency-key'));
        const res = await h.fetchApp(input, init);
        if (calls === 1) throw new TypeError('fetch failed (socket hang up)'); // the answer never arrives
        return res;
      };
      const sdk = h.sdk(a.secretKey, { fetch: flaky, maxNetworkRetries: 2 });
      const created = await sdk.express.create({ expressCustomerName: 'Retried Clinic' });
      assert.equal(calls, 2);
      assert.ok(keys[0] && keys[0] === keys[1], 'both attempts carry the same Idempotency-Key');
      const all = (await a.sdk.express.list()).expressCustomers;
      assert.deepEqual(all.map((c) => c.expressCustomerId), [created.expressCustomerId]);
      // Without retries the failure is a typed connection error.
      calls = 0;
      const once = h.sdk(a.secretKey, { fetch: flaky, maxNetworkRetries: 0 });
      await rejects(once.express.create({ expressCustomerName: 'Lost' }), { status: 0, type: 'api_connection_error', code: 'connection_failed' });
    },
  ],
  [
    'permissions: widget tokens cannot call secret-key endpoints, and a missing key is a clear error',
    async (h) => {
      const a = await h.account();
      const ana = await a.activeUser('Ana');
      const token = await a.token(ana);
      for (const [method, path] of [
        ['GET', '/v1/account'],
        ['GET', '/v1/users'],
        ['POST', '/v1/viewer/studies'],
        ['POST', '/v1/widget-tokens'],
        ['GET', '/v1/express/customers'],
      ] as const) {
        const r = await h.call(method, path, { credential: token, body: method === 'POST' ? {} : undefined });
        assert.equal(r.status, 403, `${method} ${path}`);
        assert.equal(r.body.error.type, 'permission_error', `${method} ${path}`);
      }
      const e = await rejects(h.sdk('sk_test_wrong').account.retrieve(), { status: 401, type: 'authentication_error', code: 'invalid_api_key' });
      assert.ok(!(e instanceof AvaraPermissionError));
      assert.throws(() => h.sdk(undefined as never), (err: AvaraError) => err.code === 'missing_api_key');
    },
  ],
];

for (const [driverName, openDriver] of Object.entries(DRIVERS)) {
  describe(`documented flows through the SDK (${driverName})`, () => {
    for (const [name, run] of FLOWS) {
      it(name, async () => run(await apiHarness(await openDriver())));
    }
  });
}
