import { createApp } from '../../api/app.js';
import type { SqlDriver } from '../../api/db/driver.js';
import { Store } from '../../api/store.js';
import { Avara } from '../../sdk/index.js';

/**
 * The reference API in-process over one driver, with a movable clock, raw calls and SDK clients
 * whose fetch goes straight to the app (no sockets), so flows run over both SQLite drivers.
 */
export async function apiHarness(driver: SqlDriver, { dev = true, start = Date.parse('2024-05-17T08:00:00Z') } = {}) {
  const store = new Store(driver);
  let now = start;
  const app = createApp({ store, clock: () => now, dev });
  const fetchApp: typeof fetch = async (input, init) => app.fetch(new Request(input as RequestInfo, init));

  const call = async (
    method: string,
    path: string,
    { credential, body, headers = {} }: { credential?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const h: Record<string, string> = { ...headers };
    if (credential !== undefined) h.authorization = `Bearer ${credential}`;
    let payload: string | Uint8Array<ArrayBuffer> | undefined;
    if (body !== undefined) {
      h['content-type'] ??= 'application/json';
      payload = typeof body === 'string' || body instanceof Uint8Array ? (body as string | Uint8Array<ArrayBuffer>) : JSON.stringify(body);
    }
    const res = await app.request(path, { method, headers: h, body: payload });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: (text ? JSON.parse(text) : undefined) as any };
  };

  /** A fresh, empty platform account (through the development endpoint), optionally with Express on. */
  const account = async ({ express = true, name = 'Platform' } = {}) => {
    const r = await call('POST', '/v1/dev/accounts', { body: { name } });
    if (r.status !== 200) throw new Error(`dev account: ${r.text}`);
    const secretKey: string = r.body.secretKey;
    const sdk = new Avara({ apiKey: secretKey, baseUrl: 'http://api.test', fetch: fetchApp, maxNetworkRetries: 0 });
    if (express) await sdk.account.enableExpress();
    /** An active user: invited, then accepted. */
    const activeUser = async (name: string, role: 'member' | 'platform_admin' = 'member') => {
      const inv = await sdk.users.invite({ email: `${name.toLowerCase().replace(/\W+/g, '.')}.${Math.random().toString(36).slice(2, 8)}@example.test`, name, role });
      await sdk.users.accept(inv.invitationToken);
      return inv.userId;
    };
    const token = async (userId: string, extra: Record<string, unknown> = {}) =>
      (await sdk.widgetTokens.create({ userId, ...extra })).token;
    return { accountId: r.body.account.accountId as string, secretKey, sdk, activeUser, token };
  };

  return {
    store,
    app,
    call,
    account,
    fetchApp,
    clock: {
      now: () => now,
      advance: (ms: number) => {
        now += ms;
      },
    },
    sdk: (apiKey: string, options: Partial<ConstructorParameters<typeof Avara>[0]> = {}) =>
      new Avara({ apiKey, baseUrl: 'http://api.test', fetch: fetchApp, maxNetworkRetries: 0, ...options }),
  };
}

export type Harness = Awaited<ReturnType<typeof apiHarness>>;
