import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { DRIVERS } from '../support/drivers.js';
import { makeWorld, sorted } from '../support/world.js';

for (const [driverName, openDriver] of Object.entries(DRIVERS)) {
  describe(`access rule (${driverName})`, () => {
    async function twoCustomers() {
      const w = await makeWorld(await openDriver());
      const a = w.customer('Customer A');
      const b = w.customer('Customer B');
      const memberA = w.user('Member A');
      const memberAB = w.user('Member AB');
      const admin = w.user('Admin', 'platform_admin');
      w.join(a, memberA);
      w.join(a, memberAB);
      w.join(b, memberAB);
      const inA = [w.study(a), w.study(a)];
      const inB = [w.study(b)];
      const unattached = [w.study(null)];
      return { w, a, b, memberA, memberAB, admin, inA, inB, unattached };
    }

    it('a member of A sees exactly the studies of A', async () => {
      const { w, memberA, inA } = await twoCustomers();
      assert.deepEqual(sorted(await w.visible(await w.token(memberA))), sorted(inA));
    });

    it('a member of A and B sees both, and nothing unattached', async () => {
      const { w, memberAB, inA, inB } = await twoCustomers();
      assert.deepEqual(sorted(await w.visible(await w.token(memberAB))), sorted([...inA, ...inB]));
    });

    it('a platform admin sees every study, the unattached ones included', async () => {
      const { w, admin, inA, inB, unattached } = await twoCustomers();
      assert.deepEqual(sorted(await w.visible(await w.token(admin))), sorted([...inA, ...inB, ...unattached]));
    });

    it("a deactivated customer's studies are hidden from its members at once, but not from admins", async () => {
      const { w, a, memberAB, admin, inA, inB, unattached } = await twoCustomers();
      const token = await w.token(memberAB);
      w.store.setCustomerActive(w.accountId, a, false);
      assert.deepEqual(sorted(await w.visible(token)), sorted(inB));
      assert.deepEqual(sorted(await w.visible(await w.token(admin))), sorted([...inA, ...inB, ...unattached]));
      const hidden = await w.call('GET', `/v1/studies/${inA[0]}`, token);
      assert.equal(hidden.status, 404);
    });

    it('removing a member takes effect on the next request, not at token expiry', async () => {
      const { w, a, memberAB, inB } = await twoCustomers();
      const token = await w.token(memberAB);
      w.store.removeMembership(a, memberAB);
      assert.deepEqual(sorted(await w.visible(token)), sorted(inB));
    });

    it('a token narrowed to B shows only B, for a member and for an admin', async () => {
      const { w, b, memberAB, admin, inB } = await twoCustomers();
      assert.deepEqual(sorted(await w.visible(await w.token(memberAB, { expressCustomerIds: [b] }))), sorted(inB));
      assert.deepEqual(sorted(await w.visible(await w.token(admin, { expressCustomerIds: [b] }))), sorted(inB));
    });

    it('a token can narrow but never widen: a customer the member is not in is refused at mint time', async () => {
      const { w, b, memberA } = await twoCustomers();
      const r = await w.call('POST', '/v1/widget-tokens', w.secretKey, { userId: memberA, expressCustomerIds: [b] });
      assert.equal(r.status, 400);
      assert.equal(r.body.error.param, 'expressCustomerIds');
      assert.equal(r.body.error.type, 'invalid_request_error');
    });

    it('nothing crosses accounts: another account’s admin sees none of these studies', async () => {
      const { w, inA, memberA } = await twoCustomers();
      const { createAccountWithKey } = await import('../../api/app.js');
      const acct = await createAccountWithKey(w.store, 'Other platform');
      const foreignAdmin = w.store.createUser(acct.account.accountId, { email: 'x@other.test', name: 'X', role: 'platform_admin', status: 'active' });
      const r = await w.call('POST', '/v1/widget-tokens', acct.secretKey, { userId: foreignAdmin.userId });
      assert.equal(r.status, 200);
      assert.deepEqual(await w.visible(r.body.token), []);
      const direct = await w.call('GET', `/v1/studies/${inA[0]}`, r.body.token);
      assert.equal(direct.status, 404);
      // And one account's key cannot mint a token for another account's user.
      const cross = await w.call('POST', '/v1/widget-tokens', acct.secretKey, { userId: memberA });
      assert.equal(cross.status, 404);
    });

    describe('credentials', () => {
      const expect401 = async (w: Awaited<ReturnType<typeof makeWorld>>, authorization: string | undefined, code: string) => {
        const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
        const res = await w.app.request('/v1/studies', { headers });
        const body = (await res.json()) as { error: { type: string; code: string } };
        assert.equal(res.status, 401);
        assert.equal(body.error.type, 'authentication_error');
        assert.equal(body.error.code, code);
      };

      it('no token is a 401', async () => {
        const { w } = await twoCustomers();
        await expect401(w, undefined, 'missing_credentials');
      });

      it('a malformed token is a 401', async () => {
        const { w } = await twoCustomers();
        await expect401(w, 'Bearer not.a.jwt', 'invalid_token');
        await expect401(w, 'Bearer ', 'missing_credentials');
        await expect401(w, 'Basic abc', 'missing_credentials');
      });

      it('an expired token is a 401 token_expired', async () => {
        let now = Date.parse('2024-03-10T12:00:00Z');
        const w = await makeWorld(await openDriver(), { clock: () => now });
        const c = w.customer('C');
        const u = w.user('U');
        w.join(c, u);
        const token = await w.token(u, { ttlSeconds: 60 });
        assert.equal((await w.call('GET', '/v1/studies', token)).status, 200);
        now += 61_000;
        await expect401(w, `Bearer ${token}`, 'token_expired');
      });

      it('a token signed with another key is a 401', async () => {
        const { w, memberA } = await twoCustomers();
        const good = await w.token(memberA);
        const claims = JSON.parse(Buffer.from(good.split('.')[1]!, 'base64url').toString());
        const forged = await new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
          .sign(new TextEncoder().encode('a'.repeat(64)));
        await expect401(w, `Bearer ${forged}`, 'invalid_token');
      });

      it('an unsigned token (alg none) is a 401', async () => {
        const { w, memberA } = await twoCustomers();
        const [, payload] = (await w.token(memberA)).split('.');
        const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
        await expect401(w, `Bearer ${header}.${payload}.`, 'invalid_token');
      });

      it('a wrong secret key is a 401 and a secret key from a browser is a 403', async () => {
        const { w } = await twoCustomers();
        await expect401(w, 'Bearer sk_test_nope', 'invalid_api_key');
        const r = await w.call('GET', '/v1/studies', w.secretKey, undefined, { origin: 'https://pacs.example' });
        assert.equal(r.status, 403);
        assert.equal(r.body.error.code, 'secret_key_in_browser');
      });

      it('a widget token cannot mint tokens', async () => {
        const { w, memberA } = await twoCustomers();
        const r = await w.call('POST', '/v1/widget-tokens', await w.token(memberA), { userId: memberA });
        assert.equal(r.status, 403);
        assert.equal(r.body.error.type, 'permission_error');
      });
    });
  });
}
