/**
 * A child process for the durability test: it writes through the API into a SQLite file as fast as
 * it can — customers, memberships, studies with non-ASCII text, and searches that build the
 * trigram index in batches — printing "committed <n>" after each committed study, until it is
 * killed. Usage: node --import tsx test/support/durability-writer.ts <file> <secret key>
 */
import { createAccountWithKey, createApp } from '../../api/app.js';
import { Store } from '../../api/store.js';
import { LIST_PLAN } from '../../api/store-studies.js';
import { betterSqliteDriver } from '../../server/sqlite-driver.js';

const [file, key] = process.argv.slice(2) as [string, string];
const store = new Store(betterSqliteDriver(file));
const app = createApp({ store });
// Send every search to the trigram index, so index batches are written (and interrupted) too.
Object.assign(LIST_PLAN, { scanRowsCovered: 1, scanRows: 1, candidateLimit: 100_000 });

const { account } = await createAccountWithKey(store, 'Durable', key);
store.enableExpress(account.accountId);
const call = async (method: string, path: string, body?: unknown) => {
  const res = await app.request(path, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as any;
};

const customers: string[] = [];
for (let n = 1; ; n++) {
  if (n % 25 === 1) {
    const c = await call('POST', '/v1/express/customers', { expressCustomerName: `Clinic ${n} — Hôpital`, metadata: { n: String(n) } });
    customers.push(c.expressCustomerId);
    const u = store.createUser(account.accountId, { email: `u${n}@durable.test`, name: `U${n}`, role: 'member', status: 'active' });
    await call('POST', `/v1/express/customers/${c.expressCustomerId}/users`, { userId: u.userId });
  }
  await call('POST', '/v1/viewer/studies', {
    studyInstanceUid: `1.2.840.99.${n}`,
    studyDescription: `T1 VIBE3D 5° relaxo ${n}`,
    severity: n % 3 ? 'normal' : 'high',
    expressCustomerId: customers.at(-1),
    reportMetadata: { patientName: `Müller^Zoë ${n}`, mrn: `MRN-${n}`, scanDate: '2024-03-10', facilityName: 'Hôpital Saint-Éloi' },
  });
  process.stdout.write(`committed ${n}\n`);
  if (n % 10 === 0) await call('GET', `/v1/studies?q=${encodeURIComponent(`mrn-${n - 5}`)}&limit=5`);
}
