import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Avara } from '../../sdk/index.js';
import { apiHarness } from '../support/api-harness.js';
import { DRIVERS } from '../support/drivers.js';
import { startServer } from '../support/server-process.js';

/** Many requests at once: counts stay exact and Idempotency-Key still creates once. */

for (const [driverName, openDriver] of Object.entries(DRIVERS)) {
  describe(`concurrent requests (${driverName})`, () => {
    it('100 concurrent add/remove-user calls leave userCount and the members exact', async () => {
      const h = await apiHarness(await openDriver());
      const a = await h.account();
      const { expressCustomerId: id } = await a.sdk.express.create({ expressCustomerName: 'Busy Clinic' });
      const users = Array.from({ length: 100 }, (_, i) =>
        h.store.createUser(a.accountId, { email: `u${i}@busy.test`, name: `U${i}`, role: 'member', status: 'active' }).userId,
      );
      for (const u of users.slice(50)) await a.sdk.express.addUser(id, { userId: u });
      assert.equal((await a.sdk.express.retrieve(id)).userCount, 50);

      // 40 new members (10 of them added twice at once) and the 50 old ones removed: 100 calls.
      const calls = [
        ...users.slice(0, 40).map((u) => () => a.sdk.express.addUser(id, { userId: u })),
        ...users.slice(0, 10).map((u) => () => a.sdk.express.addUser(id, { userId: u })),
        ...users.slice(50).map((u) => () => a.sdk.express.removeUser(id, { userId: u })),
      ];
      assert.equal(calls.length, 100);
      const answers = await Promise.all(calls.map((call) => call()));
      for (const c of answers) {
        assert.equal(c.expressCustomerId, id);
        assert.ok(c.userCount >= 0 && c.userCount <= 90, `a count that existed at some moment: ${c.userCount}`);
      }
      const final = await a.sdk.express.retrieve(id);
      assert.equal(final.userCount, 40);
      const members = h.store.db.all<{ user_id: string }>('SELECT user_id FROM memberships WHERE customer_id = ?', [id]).map((r) => r.user_id);
      assert.deepEqual(members.sort(), users.slice(0, 40).sort());
      // And the listing agrees with the retrieve.
      assert.equal((await a.sdk.express.list()).expressCustomers[0]!.userCount, 40);
    });

    it('ten identical creates at once with one Idempotency-Key create one customer', async () => {
      const h = await apiHarness(await openDriver());
      const a = await h.account();
      const send = () =>
        h.call('POST', '/v1/express/customers', {
          credential: a.secretKey,
          body: { expressCustomerName: 'Once' },
          headers: { 'idempotency-key': 'same-key' },
        });
      const results = await Promise.all(Array.from({ length: 10 }, send));
      const created = results.filter((r) => r.status === 200);
      assert.ok(created.length >= 1);
      assert.equal(new Set(created.map((r) => r.text)).size, 1, 'every 200 is the same answer');
      for (const r of results.filter((x) => x.status !== 200)) {
        assert.equal(r.status, 409);
        assert.equal(r.body.error.code, 'idempotency_key_in_use');
        assert.equal(r.body.error.param, 'Idempotency-Key');
      }
      assert.equal((await a.sdk.express.list()).expressCustomers.length, 1);
      // The SDK waits out "in use" and gets the first answer.
      const sdk = h.sdk(a.secretKey, { maxNetworkRetries: 3 });
      const again = await Promise.all(Array.from({ length: 5 }, () => sdk.express.create({ expressCustomerName: 'Once' }, { idempotencyKey: 'same-key' })));
      assert.deepEqual(new Set(again.map((c) => c.expressCustomerId)), new Set([created[0]!.body.expressCustomerId]));
    });
  });
}

describe('concurrent requests over HTTP (reference server, SQLite file)', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.stop();
  });

  it('100 concurrent add/remove-user calls over real sockets leave userCount exact', async () => {
    const res = await fetch(`${server.origin}/v1/dev/accounts`, { method: 'POST', body: '{}' });
    const { secretKey } = (await res.json()) as { secretKey: string };
    const sdk = new Avara({ apiKey: secretKey, baseUrl: server.origin });
    await sdk.account.enableExpress();
    const { expressCustomerId: id } = await sdk.express.create({ expressCustomerName: 'Busy Clinic' });
    const users: string[] = [];
    for (let i = 0; i < 100; i++) {
      const inv = await sdk.users.invite({ email: `u${i}@busy.test`, name: `U${i}` });
      await sdk.users.accept(inv.invitationToken);
      users.push(inv.userId);
    }
    for (const u of users.slice(50)) await sdk.express.addUser(id, { userId: u });
    await Promise.all([
      ...users.slice(0, 50).map((u) => sdk.express.addUser(id, { userId: u })),
      ...users.slice(50).map((u) => sdk.express.removeUser(id, { userId: u })),
    ]);
    const final = await sdk.express.retrieve(id);
    assert.equal(final.userCount, 50);
  });
});
