/**
 * The benchmark's database: one platform account with Express on, `customers` customers (every
 * 50th inactive), `users` users (members of one to three customers; a few platform admins), and
 * `studies` studies written with batched inserts inside transactions — through the same row
 * function as the Store, so search text and sort keys are what the API would have written.
 * The measured member belongs to exactly three active customers.
 */
import { join } from 'node:path';
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { createAccountWithKey } from '../api/accounts.js';
import { newId, randomHex } from '../api/ids.js';
import { prng } from '../api/seed.js';
import { Store } from '../api/store.js';
import type { NewStudy } from '../api/store.js';
import { INDEXED_UP_TO, SEARCH_INDEX_TABLE, gramTokens } from '../api/search-index.js';
import { INSERT_STUDY, SEARCH_TEXT_AT, studyRow } from '../api/store-studies.js';
import { fold } from '../api/text.js';
import { signWidgetToken } from '../api/tokens.js';
import { betterSqliteDriver } from '../server/sqlite-driver.js';

const SURNAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez',
  'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson',
  'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright',
  'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell',
  'Mitchell', 'Carter', 'Roberts', 'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker',
  'Dubois', 'Lefèvre', 'García Márquez', 'Kowalski', 'Nowak', 'Wiśniewski', 'Andersson', 'Johansson', 'Karlsson',
  'Nielsen', 'Jensen', 'Hansen', 'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Tanaka', 'Suzuki', 'Takahashi',
  'Watanabe', 'Ito', 'Kim', 'Park', 'Choi', 'Jung', 'Kang', 'Okafor', 'Adeyemi', 'Haddad', 'Cohen', 'Levi', 'Papadopoulos',
  'Ivanova', 'Petrov', 'Smirnov', 'Silva', 'Santos', 'Oliveira', 'Pereira', 'Costa', 'Neptune',
];
const GIVEN = ['Ann', 'Jane', 'John', 'Zoë', 'Lucía', 'Seán', 'Minh', 'Łukasz', 'Åsa', 'Hélène', 'Jürgen', 'Priya', 'Chidi', 'Layla', 'Noa', 'Yuki', 'João', 'Min-jun', 'Maria', 'Omar'];
const DESCRIPTIONS: [string, string][] = [
  ['Brain MRI with Contrast', 'MRI Brain'], ['CT ABDOMEN PELVIS', 'CT A/P'], ['CT Chest/Abdomen/Pelvis', 'CT CAP'],
  ['T1 VIBE3D 5° relaxo', 'MRI Knee'], ['Chest X-ray PA and lateral', 'XR Chest'], ['Lumbar spine MRI without contrast', 'MRI L-Spine'],
  ['Head CT without contrast (stroke protocol)', 'CT Head'], ['Mammogram screening bilateral', 'MG Screening'],
  ['Ultrasound abdomen complete', 'US Abdomen'], ['PET/CT whole body', 'PET/CT'], ['Cardiac MRI with stress perfusion', 'MRI Cardiac'],
];
const SEXES = ['female', 'male', 'other', 'unknown'] as const;

export interface Built {
  file: string;
  apiKey: string;
  memberToken: string;
  adminToken: string;
  memberCustomers: string[];
  surname: string;
  rareMrn: string;
  seconds: number;
  bytes: number;
}

/** Builds the database: the schema through the Store, the rows through batched prepared inserts. */
export async function build(
  dir: string,
  studies: number,
  { customers: CUSTOMERS = 1000, users: USERS = 10_000, progress = false }: { customers?: number; users?: number; progress?: boolean } = {},
): Promise<Built> {
  const started = performance.now();
  const file = join(dir, `bench-${studies}.sqlite`);
  const store = new Store(betterSqliteDriver(file));
  const apiKey = `sk_test_bench_${randomHex(12)}`;
  const { account } = await createAccountWithKey(store, 'Benchmark platform', apiKey);
  const accountId = account.accountId;
  store.enableExpress(accountId);
  store.setSetting('demo_account_id', accountId); // server/main.ts then seeds nothing
  const secret = store.setting('token_secret')!;
  store.db.close();

  const db = new Database(file);
  // A throwaway file: no journal, no syncs, a large cache.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  db.pragma('temp_store = MEMORY');
  const rand = prng(studies);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const base = Date.parse('2023-01-01T00:00:00Z');
  let tick = 0;
  const at = () => new Date(base + tick++ * 7).toISOString();

  const customers: string[] = [];
  const insertCustomer = db.prepare(
    'INSERT INTO customers (id, account_id, name, name_fold, metadata, is_active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertUser = db.prepare(
    "INSERT INTO users (id, account_id, email, name, role, status, created_at) VALUES (?, ?, ?, ?, ?, 'active', ?)",
  );
  const insertMembership = db.prepare('INSERT OR IGNORE INTO memberships (customer_id, user_id, created_at) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < CUSTOMERS; i++) {
      const id = newId('cus');
      const name = `${pick(SURNAMES)} Imaging ${i}`;
      const t = at();
      insertCustomer.run(id, accountId, name, fold(name), '{}', i % 50 === 49 ? 0 : 1, t, t);
      customers.push(id);
    }
  })();
  // The measured member belongs to three active customers; everyone else to one to three.
  const memberCustomers = [customers[0]!, customers[1]!, customers[2]!];
  let member = '';
  let admin = '';
  db.transaction(() => {
    for (let i = 0; i < USERS; i++) {
      const id = newId('usr');
      const role = i === 1 || i % 500 === 250 ? 'platform_admin' : 'member';
      insertUser.run(id, accountId, `user${i}@bench.test`, `${pick(GIVEN)} ${pick(SURNAMES)}`, role, at());
      if (i === 0) {
        member = id;
        for (const c of memberCustomers) insertMembership.run(c, id, at());
      } else if (i === 1) {
        admin = id;
      } else if (role === 'member') {
        const n = 1 + Math.floor(rand() * 3);
        for (let k = 0; k < n; k++) insertMembership.run(pick(customers.slice(3)), id, at());
      }
    }
  })();

  // Indexes are built once after the load (sorting once beats a million random index inserts).
  const indexes = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'studies' AND sql IS NOT NULL")
    .all() as { name: string; sql: string }[];
  for (const ix of indexes) db.exec(`DROP INDEX ${ix.name}`);
  const insertStudy = db.prepare(INSERT_STUDY);
  const gramCounts = new Map<string, number>();
  const insertGrams = db.prepare(`INSERT INTO ${SEARCH_INDEX_TABLE} (rowid, grams) VALUES (CAST(? AS INTEGER), ?)`);
  const today = Date.parse('2024-12-31T00:00:00Z');
  const BATCH = 20_000;
  let rareMrn = '';
  for (let done = 0; done < studies; ) {
    const n = Math.min(BATCH, studies - done);
    db.transaction(() => {
      for (let k = 0; k < n; k++) {
        const i = done + k;
        const r = rand();
        const customer = r < 0.01 ? null : customers[Math.floor(rand() * customers.length)]!;
        const [studyDescription, scanType] = pick(DESCRIPTIONS);
        const s: NewStudy = {
          studyInstanceUid: `1.2.826.0.1.3680043.8.498.${10_000_000 + i}`,
          studyDescription,
          severity: rand() < 0.2 ? 'high' : 'normal',
          product: rand() < 0.5 ? 'viewer' : 'autoScribe',
          expressCustomerId: customer,
          reportMetadata: {
            scanType,
            patientName: `${pick(SURNAMES)}^${pick(GIVEN)}`,
            facilityName: `Facility ${customer ? customer.slice(-4) : 'none'}`,
            sex: pick(SEXES),
            mrn: `MRN-${String(7_000_000 + i * 13).padStart(8, '0')}`,
          },
        };
        if (rand() > 0.02) s.reportMetadata.scanDate = new Date(today - Math.floor(rand() * 730) * 86_400_000).toISOString().slice(0, 10);
        // A unique MRN in the middle of the member's studies: a search with exactly one match.
        if (!rareMrn && i >= studies / 2 && customer === memberCustomers[0]) rareMrn = s.reportMetadata.mrn!.slice(4);
        const row = studyRow(newId('std'), accountId, s, at());
        const { lastInsertRowid } = insertStudy.run(...row);
        const grams = gramTokens(row[SEARCH_TEXT_AT] as string);
        insertGrams.run(lastInsertRowid, grams.join(' '));
        for (const g of grams) gramCounts.set(g, (gramCounts.get(g) ?? 0) + 1);
      }
    })();
    done += n;
    if (progress) process.stdout.write(`\r  ${studies.toLocaleString('en')} studies: ${done.toLocaleString('en')} written`);
  }
  if (progress) process.stdout.write('\n');
  const insertCount = db.prepare('INSERT INTO study_gram_counts (gram, documents) VALUES (?, ?)');
  db.transaction(() => {
    for (const [gram, n] of gramCounts) insertCount.run(gram, n);
  })();
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    INDEXED_UP_TO,
    String((db.prepare('SELECT max(rowid) AS m FROM studies').get() as { m: number }).m),
  );
  for (const ix of indexes) db.exec(ix.sql);
  db.exec('ANALYZE');
  db.pragma('journal_mode = WAL');
  db.close();

  const now = Date.now();
  const memberToken = (await signWidgetToken(secret, { userId: member, accountId, scopes: ['studies:read'], customerIds: null }, 3600, now)).token;
  const adminToken = (await signWidgetToken(secret, { userId: admin, accountId, scopes: ['studies:read'], customerIds: null }, 3600, now)).token;
  return {
    file,
    apiKey,
    memberToken,
    adminToken,
    memberCustomers,
    surname: 'neptune',
    rareMrn,
    seconds: (performance.now() - started) / 1000,
    bytes: statSync(file).size,
  };
}

