import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AvaraApiError } from '../../src/client/errors.js';
import { TokenManager, tokenExpiry, type FetchToken, type TokenClock } from '../../src/client/token-manager.js';

const START = Date.UTC(2024, 2, 10, 12, 0, 0);

/** A clock whose time moves only when the test says so. `tick` fires due timers; `sleep` does not (a suspended laptop). */
function fakeClock(start = START) {
  let now = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: TokenClock & { tick(ms: number): Promise<void>; sleep(ms: number): void; pending(): number[] } = {
    now: () => now,
    setTimeout(fn, ms) {
      timers.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clearTimeout(id) {
      timers.delete(id as number);
    },
    async tick(ms) {
      const end = now + ms;
      for (let fired = 0; ; fired++) {
        if (fired > 1000) throw new Error('timers keep firing: a refresh loop');
        await settle();
        const next = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!next) break;
        now = next[1].at;
        timers.delete(next[0]);
        next[1].fn();
      }
      now = end;
      await settle();
    },
    sleep(ms) {
      now += ms;
    },
    pending: () => [...timers.values()].map((t) => t.at - now).sort((a, b) => a - b),
  };
  return clock;
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

/** A JWT-shaped token (only `exp` is ever read by the client). */
let serial = 0;
function jwt(expSeconds: number): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ exp: expSeconds, jti: ++serial })}.sig`;
}

/** A fetchToken that counts its calls and mints tokens living `ttl` seconds from the clock's now. */
function minting(clock: TokenClock, ttl = 60) {
  const calls: string[] = [];
  const fetchToken = async () => {
    const token = jwt(Math.floor(clock.now() / 1000) + ttl);
    calls.push(token);
    return token;
  };
  return { calls, fetchToken };
}

function manager(clock: TokenClock, extra: { events?: { refreshed: (string | null)[]; errors: AvaraApiError[] } } = {}) {
  const events = extra.events ?? { refreshed: [], errors: [] };
  const tokens = new TokenManager({
    clock,
    onRefreshed: (at) => events.refreshed.push(at),
    onAuthError: (e) => events.errors.push(e),
  });
  return { tokens, events };
}

describe('tokenExpiry', () => {
  it('reads exp from a JWT and nothing from other strings', () => {
    assert.equal(tokenExpiry(jwt(1710072000)), 1710072000);
    assert.equal(tokenExpiry('opaque-token'), undefined);
    assert.equal(tokenExpiry('a.!!!.c'), undefined);
    assert.equal(tokenExpiry(`x.${Buffer.from('{"exp":"soon"}').toString('base64url')}.y`), undefined);
  });
});

describe('TokenManager', () => {
  it('calls fetchToken once at start, however many elements ask at the same moment', async () => {
    const clock = fakeClock();
    const { tokens, events } = manager(clock);
    const host = minting(clock);
    tokens.setFetchToken(host.fetchToken);
    const got = await Promise.all([tokens.getToken(), tokens.getToken(), tokens.getToken()]);
    await clock.tick(0); // the start timer finds the token already there
    assert.equal(host.calls.length, 1);
    assert.deepEqual(got, [host.calls[0], host.calls[0], host.calls[0]]);
    assert.deepEqual(events.refreshed, [new Date(START + 60_000).toISOString()]);
  });

  it('fetches at start even before any element asks', async () => {
    const clock = fakeClock();
    const { tokens } = manager(clock);
    const host = minting(clock);
    tokens.setFetchToken(host.fetchToken);
    await clock.tick(0);
    assert.equal(host.calls.length, 1);
    assert.equal(tokens.current, host.calls[0]);
  });

  it('refreshes a 60 s token 15 s before exp, and a 900 s token 30 s before', async () => {
    const clock = fakeClock();
    const { tokens } = manager(clock);
    const host = minting(clock, 60);
    tokens.setFetchToken(host.fetchToken);
    await clock.tick(0);
    assert.equal(host.calls.length, 1);
    await clock.tick(44_999);
    assert.equal(host.calls.length, 1);
    await clock.tick(1);
    assert.equal(host.calls.length, 2);

    const clock2 = fakeClock();
    const long = manager(clock2);
    const host2 = minting(clock2, 900);
    long.tokens.setFetchToken(host2.fetchToken);
    await clock2.tick(0);
    await clock2.tick(869_999);
    assert.equal(host2.calls.length, 1);
    await clock2.tick(1);
    assert.equal(host2.calls.length, 2);
  });

  it('W10: after 70 s asleep with a 60 s token, three elements asking at once cause one fetchToken call', async () => {
    const clock = fakeClock();
    const { tokens } = manager(clock);
    const host = minting(clock, 60);
    tokens.setFetchToken(host.fetchToken);
    await tokens.getToken();
    clock.sleep(70_000); // no timer ran: the laptop was asleep
    const got = await Promise.all([tokens.getToken(), tokens.getToken(), tokens.getToken()]);
    assert.equal(host.calls.length, 2);
    assert.deepEqual(new Set(got), new Set([host.calls[1]]));
  });

  it('after a 401, refreshes once for all requests that used the current token, and not at all for a stale one', async () => {
    const clock = fakeClock();
    const { tokens } = manager(clock);
    const host = minting(clock, 600);
    tokens.setFetchToken(host.fetchToken);
    const first = await tokens.getToken();
    const fresh = await Promise.all([tokens.refresh(first), tokens.refresh(first), tokens.refresh(first)]);
    assert.equal(host.calls.length, 2);
    assert.deepEqual(fresh, [host.calls[1], host.calls[1], host.calls[1]]);
    // A request that was sent with the old token and fails late: the current token, no call.
    assert.equal(await tokens.refresh(first), host.calls[1]);
    assert.equal(host.calls.length, 2);
  });

  it('counts a refresh that hands over the same string as done for requests that failed before it', async () => {
    const clock = fakeClock();
    const { tokens } = manager(clock);
    let calls = 0;
    tokens.setFetchToken(async () => {
      calls++;
      return 'opaque-token-the-api-refuses';
    });
    const first = await tokens.lease();
    // Three requests fail with it; two refresh at once, one after the first refresh settled.
    const [a, b] = await Promise.all([tokens.refreshLease(first), tokens.refreshLease(first)]);
    const c = await tokens.refreshLease(first);
    assert.equal(calls, 2);
    assert.deepEqual([a.generation, b.generation, c.generation], [first.generation + 1, first.generation + 1, first.generation + 1]);
  });

  it('keeps the token it fetched when the host sets its original token again', async () => {
    const clock = fakeClock();
    const { tokens } = manager(clock);
    const host = minting(clock, 600);
    const original = jwt(Math.floor(START / 1000) + 600);
    tokens.setToken(original);
    tokens.setFetchToken(host.fetchToken);
    const fresh = await tokens.refresh(original);
    tokens.setToken(original);
    assert.equal(tokens.current, fresh);
    assert.equal(await tokens.getToken(), fresh);
  });

  it('replaces an already expired host token at first use', async () => {
    const clock = fakeClock();
    const { tokens } = manager(clock);
    const host = minting(clock, 600);
    tokens.setToken(jwt(Math.floor(START / 1000) - 10));
    tokens.setFetchToken(host.fetchToken);
    assert.equal(await tokens.getToken(), host.calls[0]);
    assert.equal(host.calls.length, 1);
  });

  it('does not loop when the local clock makes every fresh token look expired', async () => {
    const clock = fakeClock();
    const { tokens } = manager(clock);
    // The server's clock is an hour behind: its tokens look expired here.
    const fetchToken = async () => {
      calls++;
      return jwt(Math.floor(clock.now() / 1000) - 3000);
    };
    let calls = 0;
    tokens.setFetchToken(fetchToken);
    const a = await tokens.getToken();
    const b = await tokens.getToken();
    await clock.tick(120_000);
    assert.equal(a, b);
    assert.equal(calls, 1);
  });

  it('does not refresh on every request when the token lives less than the leeway', async () => {
    const clock = fakeClock();
    const { tokens } = manager(clock);
    const host = minting(clock, 20);
    tokens.setFetchToken(host.fetchToken);
    await tokens.getToken();
    await tokens.getToken();
    await clock.tick(14_000);
    await tokens.getToken();
    assert.equal(host.calls.length, 1);
    await clock.tick(1_000); // 20 s life: due 5 s before exp
    assert.equal(host.calls.length, 2);
  });

  it('fires one auth error when fetchToken fails, however many requests were waiting', async () => {
    const clock = fakeClock();
    const { tokens, events } = manager(clock);
    tokens.setFetchToken(() => Promise.reject(new Error('host session ended')));
    const results = await Promise.allSettled([tokens.getToken(), tokens.getToken(), tokens.getToken()]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['rejected', 'rejected', 'rejected'],
    );
    const error = (results[0] as PromiseRejectedResult).reason as AvaraApiError;
    assert.ok(error instanceof AvaraApiError);
    assert.equal(error.status, 401);
    assert.equal(error.code, 'token_refresh_failed');
    assert.match(error.message, /host session ended/);
    assert.equal(events.errors.length, 1);
    assert.equal(tokens.failed, true);
  });

  it('refuses what is not a token from fetchToken, with a message that says what it got', async () => {
    const garbage: unknown[] = [undefined, null, 42, {}, [], '', '   ', 'two words', 'undefined', 'line\nbreak', { token: 7 }];
    for (const value of garbage) {
      const clock = fakeClock();
      const { tokens, events } = manager(clock);
      tokens.setFetchToken((() => Promise.resolve(value)) as FetchToken);
      await assert.rejects(tokens.getToken(), (e: AvaraApiError) => e.code === 'invalid_fetch_token_result', `accepted ${JSON.stringify(value)}`);
      assert.equal(events.errors.length, 1);
      assert.equal(tokens.current, '');
    }
  });

  it('accepts the whole answer of POST /v1/widget-tokens, and trims the token', async () => {
    const clock = fakeClock();
    const { tokens } = manager(clock);
    const token = jwt(Math.floor(START / 1000) + 600);
    tokens.setFetchToken(async () => ({ token, expiresAt: 'x' }));
    assert.equal(await tokens.getToken(), token);
    const { tokens: t2 } = manager(clock);
    t2.setFetchToken(async () => ` ${token}\n`);
    assert.equal(await t2.getToken(), token);
  });

  it('gives up on a fetchToken that never settles after 30 s', async () => {
    const clock = fakeClock();
    const { tokens, events } = manager(clock);
    tokens.setFetchToken(() => new Promise<string>(() => {}));
    const pending = tokens.getToken();
    const outcome = pending.then(
      () => 'resolved',
      (e: AvaraApiError) => e.code,
    );
    await clock.tick(29_999);
    assert.equal(events.errors.length, 0);
    await clock.tick(1);
    assert.equal(await outcome, 'token_refresh_timeout');
    assert.equal(events.errors.length, 1);
  });

  it('keeps using a still valid token when an early refresh fails', async () => {
    const clock = fakeClock();
    const { tokens, events } = manager(clock);
    const token = jwt(Math.floor(START / 1000) + 60);
    tokens.setToken(token);
    tokens.setFetchToken(() => Promise.reject(new Error('offline')));
    clock.sleep(50_000); // due (45 s) but not expired (60 s)
    assert.equal(await tokens.getToken(), token);
    assert.equal(events.errors.length, 1);
    clock.sleep(11_000); // now expired
    await assert.rejects(tokens.getToken(), (e: AvaraApiError) => e.code === 'token_refresh_failed');
  });

  it('reports a refused token once, and only the current one', async () => {
    const clock = fakeClock();
    const { tokens, events } = manager(clock);
    const old = jwt(Math.floor(START / 1000) + 600);
    const current = jwt(Math.floor(START / 1000) + 600);
    tokens.setToken(old);
    tokens.setToken(current);
    const refusal = new AvaraApiError(401, 'authentication_error', 'invalid_token', 'no');
    tokens.refusedBy(old, refusal);
    assert.equal(events.errors.length, 0);
    tokens.refusedBy(current, refusal);
    tokens.refusedBy(current, refusal);
    assert.equal(events.errors.length, 1);
    assert.equal(tokens.failed, true);
    tokens.setToken(jwt(Math.floor(START / 1000) + 900));
    assert.equal(tokens.failed, false);
  });

  it('never sets a timer beyond what setTimeout can hold', async () => {
    const clock = fakeClock();
    const { tokens } = manager(clock);
    tokens.setFetchToken(minting(clock).fetchToken);
    tokens.setToken(jwt(Math.floor(START / 1000) + 100 * 86_400));
    assert.deepEqual(clock.pending(), [2 ** 31 - 1]);
  });

  it('stops its timer when disposed and resumes it', async () => {
    const clock = fakeClock();
    const { tokens } = manager(clock);
    const host = minting(clock, 60);
    tokens.setFetchToken(host.fetchToken);
    await clock.tick(0);
    tokens.dispose();
    await clock.tick(50_000);
    assert.equal(host.calls.length, 1);
    tokens.resume();
    await clock.tick(0);
    assert.equal(host.calls.length, 2);
  });

  it('without fetchToken, an element gets a clear 401 error instead of a request without credentials', async () => {
    const { tokens } = manager(fakeClock());
    await assert.rejects(tokens.getToken(), (e: AvaraApiError) => e.status === 401 && e.code === 'missing_token');
    await assert.rejects(tokens.refresh('x'), (e: AvaraApiError) => e.status === 401);
  });
});
