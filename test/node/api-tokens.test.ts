import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { apiHarness } from '../support/api-harness.js';
import { DRIVERS } from '../support/drivers.js';

/**
 * Attacks on widget tokens, every one refused: forged, unsigned, re-signed with another key,
 * for another audience or issuer, expired, for another account, tampered scopes or customers,
 * and tokens sent where tokens never go. A correctly signed token that claims more than the user
 * has (as if the signing secret leaked) still sees only what the database allows.
 */

const b64 = (x: unknown) => Buffer.from(JSON.stringify(x)).toString('base64url');
const parts = (token: string) => {
  const [h, p, s] = token.split('.');
  return { header: JSON.parse(Buffer.from(h!, 'base64url').toString()), payload: JSON.parse(Buffer.from(p!, 'base64url').toString()), h: h!, p: p!, s: s! };
};

for (const [driverName, openDriver] of Object.entries(DRIVERS)) {
  describe(`widget token attacks (${driverName})`, () => {
    async function world() {
      const h = await apiHarness(await openDriver());
      const a = await h.account();
      const b = await h.account();
      const north = (await a.sdk.express.create({ expressCustomerName: 'Northside' })).expressCustomerId;
      const lake = (await a.sdk.express.create({ expressCustomerName: 'Lakeshore' })).expressCustomerId;
      const theirs = (await b.sdk.express.create({ expressCustomerName: 'Theirs' })).expressCustomerId;
      const ana = await a.activeUser('Ana');
      const admin = await a.activeUser('Alex', 'platform_admin');
      const bob = await b.activeUser('Bob');
      await a.sdk.express.addUser(north, { userId: ana });
      await b.sdk.express.addUser(theirs, { userId: bob });
      const inNorth = await a.sdk.viewer.studies.create({ studyInstanceUid: '1.1', studyDescription: 'N', severity: 'normal', expressCustomerId: north });
      const inLake = await a.sdk.viewer.studies.create({ studyInstanceUid: '1.2', studyDescription: 'L', severity: 'normal', expressCustomerId: lake });
      const unattached = await a.sdk.viewer.studies.create({ studyInstanceUid: '1.3', studyDescription: 'U', severity: 'normal' });
      const inTheirs = await b.sdk.viewer.studies.create({ studyInstanceUid: '1.4', studyDescription: 'T', severity: 'normal', expressCustomerId: theirs });
      const secret = new TextEncoder().encode(h.store.setting('token_secret')!);
      const token = await a.token(ana, { scopes: ['studies:read'] });
      const status = async (credential: string, path = '/v1/studies') => {
        const r = await h.call('GET', path, { credential });
        return { status: r.status, code: r.body?.error?.code as string | undefined, ids: (r.body?.studies ?? []).map((s: { studyId: string }) => s.studyId) };
      };
      /** Signs claims with the real secret: what an attacker holding the secret could do. */
      const sign = (payload: Record<string, unknown>, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }) =>
        new SignJWT(payload).setProtectedHeader(header as { alg: string }).sign(secret);
      return { h, a, b, north, lake, theirs, ana, admin, bob, inNorth, inLake, unattached, inTheirs, secret, token, status, sign };
    }

    it('every forged, tampered, expired or misdirected token is a 401', async () => {
      const w = await world();
      const { header, payload, h, p, s } = parts(w.token);
      const now = Math.floor(w.h.clock.now() / 1000);
      const otherKey = new TextEncoder().encode('f'.repeat(64));
      const attacks: [string, string, string][] = [
        ['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${p}.`, 'invalid_token'],
        ['alg none, signature kept', `${b64({ alg: 'none', typ: 'JWT' })}.${p}.${s}`, 'invalid_token'],
        ['HS512 header', `${b64({ ...header, alg: 'HS512' })}.${p}.${s}`, 'invalid_token'],
        ['RS256 header (key confusion)', `${b64({ ...header, alg: 'RS256' })}.${p}.${s}`, 'invalid_token'],
        ['signed with another key', await new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(otherKey), 'invalid_token'],
        ['other audience', await w.sign({ ...payload, aud: 'avara-dashboard' }), 'invalid_token'],
        ['no audience', await w.sign({ ...payload, aud: undefined }), 'invalid_token'],
        ['other issuer', await w.sign({ ...payload, iss: 'someone-else' }), 'invalid_token'],
        ['expired', await w.sign({ ...payload, iat: now - 7200, exp: now - 3600 }), 'token_expired'],
        ['no expiry', await w.sign({ ...payload, exp: undefined }), 'invalid_token'],
        ['tampered scopes', `${h}.${b64({ ...payload, scope: 'studies:read customers:read viewer:open customers:manage' })}.${s}`, 'invalid_token'],
        ['tampered customers', `${h}.${b64({ ...payload, cus: [w.north, w.lake] })}.${s}`, 'invalid_token'],
        ['tampered account', `${h}.${b64({ ...payload, acct: 'acct_' + '0'.repeat(32) })}.${s}`, 'invalid_token'],
        ['tampered user', `${h}.${b64({ ...payload, sub: w.admin })}.${s}`, 'invalid_token'],
        ['signature stripped', `${h}.${p}.`, 'invalid_token'],
        ['signature of another token', `${h}.${p}.${parts(await w.a.token(w.ana)).s}`, 'invalid_token'],
        ['a user of another account, claimed for this one', await w.sign({ ...payload, sub: w.bob }), 'invalid_token'],
        ['this user, claimed for another account', await w.sign({ ...payload, acct: parts(await w.b.token(w.bob)).payload.acct }), 'invalid_token'],
        ['unknown scope', await w.sign({ ...payload, scope: 'studies:read studies:write' }), 'invalid_token'],
        ['customers not a list', await w.sign({ ...payload, cus: w.north }), 'invalid_token'],
        ['garbage', 'eyJhbGciOiJIUzI1NiJ9.e30', 'invalid_token'],
        ['not even a JWT', 'hello', 'invalid_token'],
      ];
      for (const [name, forged, code] of attacks) {
        const r = await w.status(forged);
        assert.deepEqual({ status: r.status, code: r.code }, { status: 401, code }, name);
      }
      // The genuine token still works.
      assert.deepEqual((await w.status(w.token)).ids, [w.inNorth.studyId]);
    });

    it('a token whose user is removed from the account’s customers, or who is invited again, sees nothing more', async () => {
      const w = await world();
      await w.a.sdk.express.removeUser(w.north, { userId: w.ana });
      assert.deepEqual((await w.status(w.token)).ids, []);
      const direct = await w.status(w.token, `/v1/studies/${w.inNorth.studyId}`);
      assert.equal(direct.status, 404);
      // A user who is no longer active is refused outright.
      w.h.store.db.run("UPDATE users SET status = 'invited' WHERE id = ?", [w.ana]);
      assert.deepEqual({ ...(await w.status(w.token)), ids: undefined }, { status: 401, code: 'invalid_token', ids: undefined });
    });

    it('a correctly signed token claiming more than the user has is cut down to what the database allows', async () => {
      const w = await world();
      const { payload } = parts(w.token);
      // A member claiming a customer they do not belong to, and another account's customer.
      const widened = await w.sign({ ...payload, cus: [w.north, w.lake, w.theirs] });
      assert.deepEqual((await w.status(widened)).ids, [w.inNorth.studyId]);
      // A member claiming the admin-only scope cannot manage customers.
      const manage = await w.sign({ ...payload, scope: 'customers:manage' });
      const r = await w.h.call('GET', '/v1/express/customers', { credential: manage });
      assert.equal(r.status, 403);
      assert.equal(r.body.error.code, 'platform_admin_required');
      // An admin's token narrowed to another account's customer sees nothing at all.
      const adminPayload = parts(await w.a.token(w.admin)).payload;
      const foreign = await w.sign({ ...adminPayload, cus: [w.theirs] });
      assert.deepEqual((await w.status(foreign)).ids, []);
      assert.equal((await w.status(foreign, `/v1/studies/${w.inTheirs.studyId}`)).status, 404);
    });

    it('another account’s study or customer is a 404 for every credential of this account, never a 403', async () => {
      const w = await world();
      const adminToken = await w.a.token(w.admin, { scopes: ['studies:read', 'customers:read', 'customers:manage'] });
      for (const credential of [w.a.secretKey, adminToken, w.token]) {
        assert.equal((await w.status(credential, `/v1/studies/${w.inTheirs.studyId}`)).status, 404);
      }
      for (const credential of [w.a.secretKey, adminToken]) {
        const r = await w.h.call('GET', `/v1/express/customers/${w.theirs}`, { credential });
        assert.equal(r.status, 404);
        const add = await w.h.call('POST', `/v1/express/customers/${w.theirs}/users`, { credential, body: { userId: w.ana } });
        assert.equal(add.status, 404);
      }
      assert.equal((await w.h.call('GET', `/v1/users/${w.bob}`, { credential: w.a.secretKey })).status, 404);
      // Filtering by another account's customer shows nothing and confirms nothing.
      const filtered = await w.h.call('GET', `/v1/studies?expressCustomerId=${w.theirs}`, { credential: w.a.secretKey });
      assert.deepEqual(filtered.body.studies, []);
    });

    it('tokens never travel in a URL, and a secret key from a browser is refused with 403 even when valid', async () => {
      const w = await world();
      const inQuery = await w.h.call('GET', `/v1/studies?token=${w.token}`);
      assert.equal(inQuery.status, 401, 'a token in the URL is no credential');
      assert.equal(inQuery.body.error.code, 'missing_credentials');
      const alongside = await w.h.call('GET', `/v1/studies?access_token=${w.token}`, { credential: w.token });
      assert.equal(alongside.status, 400, 'and next to a real one it is an unknown parameter');
      assert.equal(alongside.body.error.param, 'access_token');
      const noAuth = await w.h.call('GET', '/v1/studies');
      assert.equal(noAuth.status, 401);
      const cookie = await w.h.call('GET', '/v1/studies', { headers: { cookie: `token=${w.token}` } });
      assert.equal(cookie.status, 401);
      const browser = await w.h.call('GET', '/v1/account', { credential: w.a.secretKey, headers: { origin: 'https://pacs.example' } });
      assert.equal(browser.status, 403);
      assert.equal(browser.body.error.code, 'secret_key_in_browser');
      // A page on the API's own origin: a same-origin GET carries no Origin, but Sec-Fetch-* tells.
      const sameOrigin = await w.h.call('GET', '/v1/account', {
        credential: w.a.secretKey,
        headers: { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' },
      });
      assert.equal(sameOrigin.status, 403);
      assert.equal(sameOrigin.body.error.code, 'secret_key_in_browser');
      // Node's own fetch sends Sec-Fetch-Mode (and no Sec-Fetch-Site): a server, not a browser.
      const node = await w.h.call('GET', '/v1/account', { credential: w.a.secretKey, headers: { 'sec-fetch-mode': 'cors' } });
      assert.equal(node.status, 200);
      const lowercaseBearer = await w.h.call('GET', '/v1/studies', { headers: { authorization: `bearer ${w.token}` } });
      assert.equal(lowercaseBearer.status, 401);
    });

    it('scopes are enforced per endpoint, with a 403 naming the missing scope', async () => {
      const w = await world();
      const cases: [string[], string, string][] = [
        [['customers:read'], '/v1/studies', 'studies:read'],
        [['customers:read'], `/v1/studies/${w.inNorth.studyId}`, 'studies:read'],
        [['studies:read'], '/v1/me/customers', 'customers:read'],
      ];
      for (const [scopes, path, missing] of cases) {
        const token = await w.a.token(w.ana, { scopes });
        const r = await w.h.call('GET', path, { credential: token });
        assert.equal(r.status, 403, path);
        assert.equal(r.body.error.code, 'missing_scope', path);
        assert.ok(r.body.error.message.includes(missing), `${path}: names ${missing}`);
      }
      // /v1/me needs no scope: a token can always say who it is.
      const bare = await w.a.token(w.ana, { scopes: ['viewer:open'] });
      assert.equal((await w.h.call('GET', '/v1/me', { credential: bare })).status, 200);
    });
  });
}
