import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encodeCursor } from '../../api/validate.js';
import { apiHarness } from '../support/api-harness.js';
import { DRIVERS } from '../support/drivers.js';

/**
 * Bad input, endpoint by endpoint: every id, body and query is validated with a clear 400 naming
 * the parameter (never a 500, never a silent 404), bodies over 1 MiB are a 413 however they
 * arrive, and nothing is written when a request is refused.
 */

type Cred = 'key' | 'token' | 'none';
interface Case {
  name: string;
  method: string;
  path: string;
  cred?: Cred;
  body?: unknown;
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
  status: number;
  code: string;
  param?: string;
}

const HEX = '0123456789abcdef0123456789abcdef';
const BAD_IDS = ['cus_123', `cus_${HEX.toUpperCase()}`, `usr_${HEX}`, `cus_${HEX}0`, '%20', 'cus_' + 'g'.repeat(32)];

for (const [driverName, openDriver] of Object.entries(DRIVERS)) {
  describe(`bad input is a clear 400 (${driverName})`, () => {
    async function world() {
      const h = await apiHarness(await openDriver());
      const a = await h.account();
      const c = (await a.sdk.express.create({ expressCustomerName: 'C', metadata: { k: 'v' } })).expressCustomerId;
      const u = await a.activeUser('U');
      await a.sdk.express.addUser(c, { userId: u });
      const study = await a.sdk.viewer.studies.create({ studyInstanceUid: '1.2.3', studyDescription: 'x', severity: 'normal', expressCustomerId: c });
      const token = await a.token(u);
      return { h, a, c, u, study, token };
    }

    it('a table of bad requests, each answered with its status, code and param', async () => {
      const { h, a, c, u, study, token } = await world();
      const studyBase = { studyInstanceUid: '1.2.99', studyDescription: 'x', severity: 'normal' };
      const cases: Case[] = [
        // Ids of the wrong form, in paths and bodies.
        ...BAD_IDS.map((id): Case => ({ name: `customer id ${id}`, method: 'GET', path: `/v1/express/customers/${id}`, status: 400, code: 'invalid_id', param: 'expressCustomerId' })),
        { name: 'study id', method: 'GET', path: '/v1/studies/std_nothex', cred: 'token', status: 400, code: 'invalid_id', param: 'studyId' },
        { name: 'user id', method: 'GET', path: '/v1/users/usr_', status: 400, code: 'invalid_id', param: 'userId' },
        { name: 'user id in DELETE', method: 'DELETE', path: `/v1/express/customers/${c}/users/nope`, status: 400, code: 'invalid_id', param: 'userId' },
        { name: 'user id in body', method: 'POST', path: `/v1/express/customers/${c}/users`, body: { userId: 42 }, status: 400, code: 'invalid_id', param: 'userId' },
        { name: 'customer id in study', method: 'POST', path: '/v1/viewer/studies', body: { ...studyBase, expressCustomerId: 'cus_x' }, status: 400, code: 'invalid_id', param: 'expressCustomerId' },
        { name: 'token customers', method: 'POST', path: '/v1/widget-tokens', body: { userId: u, expressCustomerIds: ['cus_x'] }, status: 400, code: 'invalid_id', param: 'expressCustomerIds' },
        { name: 'invitation token', method: 'POST', path: '/v1/invitations/inv_short/accept', cred: 'none', status: 400, code: 'invalid_invitation_token', param: 'invitationToken' },
        // Bodies.
        { name: 'not JSON', method: 'POST', path: '/v1/express/customers', raw: '{"expressCustomerName":', status: 400, code: 'invalid_json' },
        { name: 'a JSON array', method: 'POST', path: '/v1/express/customers', raw: '[]', status: 400, code: 'invalid_json' },
        { name: 'a JSON string', method: 'POST', path: '/v1/express/customers', raw: '"x"', status: 400, code: 'invalid_json' },
        { name: 'empty body where fields are required', method: 'POST', path: '/v1/express/customers', raw: '', status: 400, code: 'invalid_json' },
        { name: 'unknown field', method: 'POST', path: '/v1/express/customers', body: { expressCustomerName: 'X', colour: 'red' }, status: 400, code: 'unknown_parameter', param: 'colour' },
        { name: 'unknown field on PATCH', method: 'PATCH', path: `/v1/express/customers/${c}`, body: { isActive: false }, status: 400, code: 'unknown_parameter', param: 'isActive' },
        { name: 'unknown field on an action', method: 'POST', path: `/v1/express/customers/${c}/deactivate`, body: { now: true }, status: 400, code: 'unknown_parameter', param: 'now' },
        { name: 'unknown field on a token', method: 'POST', path: '/v1/widget-tokens', body: { userId: u, role: 'platform_admin' }, status: 400, code: 'unknown_parameter', param: 'role' },
        { name: 'missing name', method: 'POST', path: '/v1/express/customers', body: {}, status: 400, code: 'invalid_string', param: 'expressCustomerName' },
        { name: 'blank name', method: 'POST', path: '/v1/express/customers', body: { expressCustomerName: '  ' }, status: 400, code: 'invalid_string', param: 'expressCustomerName' },
        { name: 'name not a string', method: 'POST', path: '/v1/express/customers', body: { expressCustomerName: 7 }, status: 400, code: 'invalid_string', param: 'expressCustomerName' },
        { name: 'name too long', method: 'POST', path: '/v1/express/customers', body: { expressCustomerName: 'x'.repeat(257) }, status: 400, code: 'string_too_long', param: 'expressCustomerName' },
        { name: 'a body that is not UTF-8', method: 'POST', path: '/v1/express/customers', raw: new Uint8Array([...new TextEncoder().encode('{"expressCustomerName":"'), 0xff, 0xfe, ...new TextEncoder().encode('"}')]), status: 400, code: 'invalid_json' },
        { name: 'a field given twice', method: 'POST', path: '/v1/express/customers', raw: '{"expressCustomerName":"A","expressCustomerName":"B"}', status: 400, code: 'duplicate_parameter', param: 'expressCustomerName' },
        { name: 'a nested field given twice', method: 'POST', path: '/v1/viewer/studies', raw: JSON.stringify(studyBase).replace('}', ',"reportMetadata":{"sex":"female","sex":"male"}}'), status: 400, code: 'duplicate_parameter', param: 'reportMetadata.sex' },
        { name: 'the user of a widget token given twice', method: 'POST', path: '/v1/widget-tokens', raw: `{"userId":"usr_${HEX}","userId":"usr_${HEX}"}`, status: 400, code: 'duplicate_parameter', param: 'userId' },
        { name: 'lone surrogate', method: 'POST', path: '/v1/express/customers', raw: '{"expressCustomerName":"a\\ud800b"}', status: 400, code: 'invalid_string', param: 'expressCustomerName' },
        { name: 'NUL character', method: 'POST', path: '/v1/express/customers', raw: '{"expressCustomerName":"a\\u0000b"}', status: 400, code: 'invalid_string', param: 'expressCustomerName' },
        { name: 'metadata not an object', method: 'POST', path: '/v1/express/customers', body: { expressCustomerName: 'X', metadata: ['a'] }, status: 400, code: 'invalid_object', param: 'metadata' },
        { name: 'metadata value a number', method: 'PATCH', path: `/v1/express/customers/${c}`, body: { metadata: { a: 1 } }, status: 400, code: 'invalid_metadata', param: 'metadata' },
        { name: 'metadata value null', method: 'PATCH', path: `/v1/express/customers/${c}`, body: { metadata: { a: null } }, status: 400, code: 'invalid_metadata', param: 'metadata' },
        { name: 'metadata empty key', method: 'PATCH', path: `/v1/express/customers/${c}`, body: { metadata: { '': 'v' } }, status: 400, code: 'invalid_metadata', param: 'metadata' },
        { name: 'invitation email', method: 'POST', path: '/v1/users/invitations', body: { email: 'not-an-email', name: 'X' }, status: 400, code: 'invalid_email', param: 'email' },
        { name: 'invitation role', method: 'POST', path: '/v1/users/invitations', body: { email: 'x@y.test', name: 'X', role: 'owner' }, status: 400, code: 'invalid_enum', param: 'role' },
        { name: 'study without UID', method: 'POST', path: '/v1/auto-scribe/studies', body: { studyDescription: 'x', severity: 'normal' }, status: 400, code: 'invalid_string', param: 'studyInstanceUid' },
        { name: 'study UID with letters', method: 'POST', path: '/v1/auto-scribe/studies', body: { ...studyBase, studyInstanceUid: '1.2.abc' }, status: 400, code: 'invalid_study_instance_uid', param: 'studyInstanceUid' },
        { name: 'study UID over 64', method: 'POST', path: '/v1/auto-scribe/studies', body: { ...studyBase, studyInstanceUid: '1.'.repeat(32) + '1' }, status: 400, code: 'string_too_long', param: 'studyInstanceUid' },
        { name: 'study without severity', method: 'POST', path: '/v1/auto-scribe/studies', body: { studyInstanceUid: '1.5', studyDescription: 'x' }, status: 400, code: 'invalid_enum', param: 'severity' },
        { name: 'severity in capitals', method: 'POST', path: '/v1/auto-scribe/studies', body: { ...studyBase, severity: 'HIGH' }, status: 400, code: 'invalid_enum', param: 'severity' },
        { name: 'report metadata a string', method: 'POST', path: '/v1/viewer/studies', body: { ...studyBase, reportMetadata: 'x' }, status: 400, code: 'invalid_object', param: 'reportMetadata' },
        { name: 'a date with a time', method: 'POST', path: '/v1/viewer/studies', body: { ...studyBase, reportMetadata: { scanDate: '2024-03-15T10:00:00Z' } }, status: 400, code: 'invalid_date', param: 'reportMetadata.scanDate' },
        { name: 'product is not a study field', method: 'POST', path: '/v1/viewer/studies', body: { ...studyBase, product: 'autoScribe' }, status: 400, code: 'unknown_parameter', param: 'product' },
        { name: 'token scopes not a list', method: 'POST', path: '/v1/widget-tokens', body: { userId: u, scopes: 'studies:read' }, status: 400, code: 'invalid_scopes', param: 'scopes' },
        { name: 'token unknown scope', method: 'POST', path: '/v1/widget-tokens', body: { userId: u, scopes: ['studies:write'] }, status: 400, code: 'invalid_enum', param: 'scopes' },
        { name: 'token ttl zero', method: 'POST', path: '/v1/widget-tokens', body: { userId: u, ttlSeconds: 0 }, status: 400, code: 'invalid_ttl', param: 'ttlSeconds' },
        { name: 'token ttl fraction', method: 'POST', path: '/v1/widget-tokens', body: { userId: u, ttlSeconds: 1.5 }, status: 400, code: 'invalid_ttl', param: 'ttlSeconds' },
        { name: 'token empty customer list', method: 'POST', path: '/v1/widget-tokens', body: { userId: u, expressCustomerIds: [] }, status: 400, code: 'invalid_customer_ids', param: 'expressCustomerIds' },
        { name: 'dev account blank name', method: 'POST', path: '/v1/dev/accounts', cred: 'none', body: { name: ' ' }, status: 400, code: 'invalid_string', param: 'name' },
        // Queries.
        { name: 'limit 0', method: 'GET', path: '/v1/express/customers?limit=0', status: 400, code: 'invalid_limit', param: 'limit' },
        { name: 'limit 101', method: 'GET', path: '/v1/users?limit=101', status: 400, code: 'invalid_limit', param: 'limit' },
        { name: 'limit -1', method: 'GET', path: '/v1/me/customers?limit=-1', cred: 'token', status: 400, code: 'invalid_limit', param: 'limit' },
        { name: 'limit 1e1', method: 'GET', path: '/v1/studies?limit=1e1', cred: 'token', status: 400, code: 'invalid_limit', param: 'limit' },
        { name: 'unknown query parameter', method: 'GET', path: '/v1/express/customers?q=x', status: 400, code: 'unknown_parameter', param: 'q' },
        ...['%ED%A0%80', '%E0%A4', '%zz', '%', '%C0%80', '%FF'].map((bad): Case => ({ name: `q=${bad}: not UTF-8`, method: 'GET', path: `/v1/studies?q=${bad}`, cred: 'token', status: 400, code: 'invalid_string', param: 'q' })),
        { name: 'a parameter name that is not UTF-8', method: 'GET', path: '/v1/studies?%FFq=1', cred: 'token', status: 400, code: 'invalid_string', param: '%FFq' },
        { name: 'query parameter without a name', method: 'GET', path: '/v1/studies?limit=5&=x', cred: 'token', status: 400, code: 'unknown_parameter', param: '' },
        { name: 'query on the account', method: 'GET', path: '/v1/account?expand=customers', status: 400, code: 'unknown_parameter', param: 'expand' },
        { name: 'query on a retrieve', method: 'GET', path: `/v1/studies/${study.studyId}?expand=x`, cred: 'token', status: 400, code: 'unknown_parameter', param: 'expand' },
        { name: 'query on a create', method: 'POST', path: '/v1/express/customers?expand=users', body: { expressCustomerName: 'X' }, status: 400, code: 'unknown_parameter', param: 'expand' },
        { name: 'query on a PATCH', method: 'PATCH', path: `/v1/express/customers/${c}?dryRun=1`, body: { expressCustomerName: 'X' }, status: 400, code: 'unknown_parameter', param: 'dryRun' },
        { name: 'query on a DELETE', method: 'DELETE', path: `/v1/express/customers/${c}/users/${u}?force=1`, status: 400, code: 'unknown_parameter', param: 'force' },
        { name: 'body field on a DELETE', method: 'DELETE', path: `/v1/express/customers/${c}/users/${u}`, body: { force: true }, status: 400, code: 'unknown_parameter', param: 'force' },
        { name: 'query on a token', method: 'POST', path: '/v1/widget-tokens?ttlSeconds=60', body: { userId: u }, status: 400, code: 'unknown_parameter', param: 'ttlSeconds' },
        { name: 'query on an instance file', method: 'GET', path: `/v1/studies/${study.studyId}/instances/ins_${HEX}?download=1`, cred: 'token', status: 400, code: 'unknown_parameter', param: 'download' },
        { name: 'instance list parameter twice', method: 'GET', path: `/v1/studies/${study.studyId}/instances?limit=1&limit=2`, cred: 'token', status: 400, code: 'duplicate_parameter', param: 'limit' },
        { name: 'parameter twice', method: 'GET', path: '/v1/studies?severity=high&severity=normal', cred: 'token', status: 400, code: 'duplicate_parameter', param: 'severity' },
        { name: 'product', method: 'GET', path: '/v1/studies?product=pacs', cred: 'token', status: 400, code: 'invalid_enum', param: 'product' },
        { name: 'sort', method: 'GET', path: '/v1/studies?sort=--scanDate', cred: 'token', status: 400, code: 'invalid_enum', param: 'sort' },
        { name: 'date range reversed', method: 'GET', path: '/v1/studies?scanDateFrom=2024-02-01&scanDateTo=2024-01-01', cred: 'token', status: 400, code: 'invalid_date_range', param: 'scanDateFrom' },
        { name: 'scanDateTo not a date', method: 'GET', path: '/v1/studies?scanDateTo=yesterday', cred: 'token', status: 400, code: 'invalid_date', param: 'scanDateTo' },
        { name: 'cursor not base64 JSON', method: 'GET', path: '/v1/studies?cursor=!!!', cred: 'token', status: 400, code: 'invalid_cursor', param: 'cursor' },
        { name: 'cursor with an object value', method: 'GET', path: `/v1/studies?cursor=${encodeCursor(['-scanDate', { $gt: 1 }, 'x', 'y'])}`, cred: 'token', status: 400, code: 'invalid_cursor', param: 'cursor' },
        { name: 'cursor with a text severity', method: 'GET', path: `/v1/studies?sort=severity&cursor=${encodeCursor(['severity', 'high', 'x', 'y'])}`, cred: 'token', status: 400, code: 'invalid_cursor', param: 'cursor' },
        { name: 'cursor of another list', method: 'GET', path: `/v1/express/customers?cursor=${encodeCursor(['users', 'a', 'b'])}`, status: 400, code: 'invalid_cursor', param: 'cursor' },
        { name: 'q too long', method: 'GET', path: `/v1/me/customers?q=${'x'.repeat(300)}`, cred: 'token', status: 400, code: 'string_too_long', param: 'q' },
        { name: 'study search too long', method: 'GET', path: `/v1/studies?q=${'x'.repeat(257)}`, cred: 'token', status: 400, code: 'string_too_long', param: 'q' },
        { name: 'study search of 257 characters beyond the BMP', method: 'GET', path: `/v1/studies?q=${encodeURIComponent('𝔁'.repeat(257))}`, cred: 'token', status: 400, code: 'string_too_long', param: 'q' },
        // Headers.
        { name: 'idempotency key with a space', method: 'POST', path: '/v1/express/customers', body: { expressCustomerName: 'X' }, headers: { 'idempotency-key': 'a b' }, status: 400, code: 'invalid_idempotency_key', param: 'Idempotency-Key' },
        { name: 'idempotency key too long', method: 'POST', path: '/v1/express/customers', body: { expressCustomerName: 'X' }, headers: { 'idempotency-key': 'k'.repeat(256) }, status: 400, code: 'invalid_idempotency_key', param: 'Idempotency-Key' },
        // Not found, with the id.
        { name: 'unknown customer', method: 'GET', path: `/v1/express/customers/cus_${HEX}`, status: 404, code: 'resource_missing', param: 'expressCustomerId' },
        { name: 'unknown endpoint', method: 'GET', path: '/v1/customers', status: 404, code: 'unknown_endpoint' },
        { name: 'disable Express', method: 'POST', path: '/v1/account/express/disable', status: 400, code: 'express_cannot_be_disabled' },
      ];
      const before = JSON.stringify(h.store.db.all('SELECT id, name, metadata, is_active, updated_at FROM customers ORDER BY id'));
      for (const t of cases) {
        const credential = t.cred === 'none' ? undefined : t.cred === 'token' ? token : a.secretKey;
        const headers: Record<string, string> = { ...(t.headers ?? {}) };
        if (t.raw !== undefined) headers['content-type'] = 'application/json';
        const r = await h.call(t.method, t.path, { credential, body: t.raw ?? t.body, headers });
        assert.equal(r.status, t.status, `${t.name}: ${r.text}`);
        assert.equal(r.body.error.code, t.code, t.name);
        if (t.param !== undefined) assert.equal(r.body.error.param, t.param, t.name);
        assert.ok(r.body.error.message.length > 12, `${t.name}: a clear message`);
        assert.ok(!/\bat \S+:\d+|Error:|sqlite|SELECT /i.test(r.body.error.message), `${t.name}: no internals in "${r.body.error.message}"`);
        if (t.code === 'invalid_id' && t.param === 'expressCustomerId') assert.match(r.body.error.message, /must be an Express customer id/);
        if (t.code === 'invalid_id' && t.param === 'userId') assert.match(r.body.error.message, /must be a user id/);
        const type = { 400: 'invalid_request_error', 404: 'not_found_error' }[t.status];
        assert.equal(r.body.error.type, type, t.name);
      }
      // At the limit, counted in characters rather than UTF-16 units, a search is answered.
      const longest = await h.call('GET', `/v1/studies?q=${encodeURIComponent('𝔁'.repeat(256))}`, { credential: token });
      assert.equal(longest.status, 200, longest.text);
      assert.equal(JSON.stringify(h.store.db.all('SELECT id, name, metadata, is_active, updated_at FROM customers ORDER BY id')), before, 'refused requests wrote nothing');
      assert.equal((await a.sdk.users.list()).users.length, 1);
      assert.equal((await a.sdk.studies.list()).studies.length, 1);
    });

    it('JSON bodies over 1 MiB are a 413, whether announced by Content-Length or streamed in chunks', async () => {
      const { h, a } = await world();
      const big = JSON.stringify({ expressCustomerName: 'Big', metadata: { k: 'x'.repeat(1024 * 1024) } });
      const withLength = await h.app.request('/v1/express/customers', {
        method: 'POST',
        headers: { authorization: `Bearer ${a.secretKey}`, 'content-type': 'application/json', 'content-length': String(big.length) },
        body: big,
      });
      assert.equal(withLength.status, 413);
      const chunks = (text: string) => {
        const bytes = new TextEncoder().encode(text);
        return new ReadableStream<Uint8Array>({
          start(controller) {
            for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
            controller.close();
          },
        });
      };
      for (const headers of [{}, { 'idempotency-key': 'big-1' }]) {
        const streamed = await h.app.request('/v1/express/customers', {
          method: 'POST',
          headers: { authorization: `Bearer ${a.secretKey}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...headers },
          body: chunks(big),
          duplex: 'half',
        } as RequestInit);
        const body = (await streamed.json()) as { error: { code: string; type: string } };
        assert.equal(streamed.status, 413);
        assert.deepEqual([body.error.type, body.error.code], ['invalid_request_error', 'body_too_large']);
      }
      // Just under the limit is fine (and then refused for the metadata value, a 400 not a 413).
      const under = JSON.stringify({ expressCustomerName: 'Under', metadata: { k: 'x'.repeat(1024 * 1024 - 100) } });
      const ok = await h.app.request('/v1/express/customers', {
        method: 'POST',
        headers: { authorization: `Bearer ${a.secretKey}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        body: chunks(under),
        duplex: 'half',
      } as RequestInit);
      assert.equal(ok.status, 400);
      assert.equal(((await ok.json()) as { error: { code: string } }).error.code, 'metadata_value_too_long');
      assert.equal((await a.sdk.express.list()).expressCustomers.length, 1);
    });

    it('an unexpected failure is a 500 with no internals', async () => {
      const { h, a } = await world();
      const realAll = h.store.db.all.bind(h.store.db);
      h.store.db.all = () => {
        throw new Error('SQLITE_CORRUPT: database disk image is malformed at /var/data/avara.sqlite');
      };
      const errors: unknown[] = [];
      const realError = console.error;
      console.error = (e: unknown) => errors.push(e);
      try {
        const r = await h.call('GET', '/v1/studies', { credential: a.secretKey });
        assert.equal(r.status, 500);
        assert.deepEqual(r.body, { error: { type: 'api_error', code: 'internal_error', message: 'Something went wrong on our side.' } });
      } finally {
        h.store.db.all = realAll;
        console.error = realError;
      }
      assert.equal(errors.length, 1, 'logged on the server');
    });
  });
}
