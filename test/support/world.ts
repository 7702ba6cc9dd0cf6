import { createApp, createAccountWithKey } from '../../api/app.js';
import type { SqlDriver } from '../../api/db/driver.js';
import { Store } from '../../api/store.js';
import type { NewStudy } from '../../api/store.js';
import type { ReportMetadata, Severity } from '../../api/types.js';

let uid = 0;

/** A store, the API app over it, and helpers to build a small world and call the API. */
export async function makeWorld(driver: SqlDriver, opts: { clock?: () => number } = {}) {
  const store = new Store(driver);
  const app = createApp({ store, clock: opts.clock, dev: true });
  const { account, secretKey } = await createAccountWithKey(store, 'Test platform');
  store.enableExpress(account.accountId);
  const accountId = account.accountId;

  const call = async (method: string, path: string, credential?: string, body?: unknown, headers: Record<string, string> = {}) => {
    const h: Record<string, string> = { ...headers };
    if (credential !== undefined) h.authorization = `Bearer ${credential}`;
    if (body !== undefined) h['content-type'] = 'application/json';
    const res = await app.request(path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any };
  };

  return {
    store,
    app,
    accountId,
    secretKey,
    call,
    customer: (name: string) => store.createCustomer(accountId, name).expressCustomerId,
    user: (name: string, role: 'member' | 'platform_admin' = 'member', status: 'active' | 'invited' = 'active') =>
      store.createUser(accountId, { email: `${name.toLowerCase().replace(/\W+/g, '.')}.${++uid}@t.test`, name, role, status }).userId,
    join: (customerId: string, userId: string) => store.addMembership(customerId, userId),
    study: (customerId: string | null, m: ReportMetadata = {}, extra: Partial<NewStudy> & { severity?: Severity } = {}) =>
      store.createStudy(accountId, {
        studyInstanceUid: `1.2.3.${++uid}`,
        studyDescription: extra.studyDescription ?? `Study ${uid}`,
        severity: extra.severity ?? 'normal',
        product: extra.product ?? 'autoScribe',
        expressCustomerId: customerId,
        reportMetadata: m,
      }).studyId,
    async token(userId: string, extra: Record<string, unknown> = {}): Promise<string> {
      const r = await call('POST', '/v1/widget-tokens', secretKey, { userId, ...extra });
      if (r.status !== 200) throw new Error(`mint failed: ${JSON.stringify(r.body)}`);
      return r.body.token as string;
    },
    /** Every study id a credential sees, walking all pages. */
    async visible(credential: string, query = ''): Promise<string[]> {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const q = new URLSearchParams(query);
        q.set('limit', '100');
        if (cursor) q.set('cursor', cursor);
        const r = await call('GET', `/v1/studies?${q}`, credential);
        if (r.status !== 200) throw new Error(`list failed: ${r.status} ${JSON.stringify(r.body)}`);
        ids.push(...r.body.studies.map((s: { studyId: string }) => s.studyId));
        cursor = r.body.hasMore ? r.body.nextCursor : undefined;
      } while (cursor);
      return ids;
    },
  };
}

export const sorted = (xs: readonly string[]) => [...xs].sort();
