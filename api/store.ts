import { transaction, type SqlDriver } from './db/driver.js';
import { SCHEMA, SCHEMA_VERSION } from './db/schema.js';
import { newId, randomHex } from './ids.js';
import { migrate } from './db/migrate.js';
import { ensureSearchIndex } from './search-index.js';
import { INSERT_STUDY, pageStudies, studyRow } from './store-studies.js';
import { fold } from './text.js';
import type {
  Account,
  ExpressCustomer,
  Product,
  ReportMetadata,
  Role,
  Severity,
  Study,
  StudySortField,
  User,
} from './types.js';

/** Which customers' rows a caller may read: every row of the account, or exactly these customers. */
export type AccessScope =
  | { accountId: string; all: true }
  | { accountId: string; all: false; customerIds: readonly string[] };

export interface StudyFilter {
  expressCustomerId?: string;
  q?: string;
  severity?: Severity;
  product?: Product;
  scanDateFrom?: string;
  scanDateTo?: string;
  sortField: StudySortField;
  descending: boolean;
  limit: number;
  /** Keyset position after which the page starts: [sort value, createdAt, id]. */
  after?: readonly [string | number | null, string, string];
}

export interface NewStudy {
  studyInstanceUid: string;
  studyDescription: string;
  severity: Severity;
  product: Product;
  expressCustomerId: string | null;
  reportMetadata: ReportMetadata;
}

export interface StudyRow {
  id: string;
  customer_id: string | null;
  study_instance_uid: string;
  study_description: string;
  severity: Severity;
  product: Product;
  report_metadata: string;
  created_at: string;
  sort_value: string | number | null;
}
export interface CustomerRow {
  id: string;
  name: string;
  metadata: string;
  is_active: number;
  created_at: string;
  updated_at: string;
  user_count: number;
}
export interface UserRow {
  id: string;
  account_id: string;
  email: string;
  name: string;
  role: Role;
  status: 'invited' | 'active';
  created_at: string;
}

export const SEVERITY_RANK: Record<Severity, number> = { normal: 1, high: 2 };

export const toStudy = (r: StudyRow): Study => ({
  studyId: r.id,
  studyInstanceUid: r.study_instance_uid,
  studyDescription: r.study_description,
  severity: r.severity,
  product: r.product,
  expressCustomerId: r.customer_id,
  reportMetadata: JSON.parse(r.report_metadata) as ReportMetadata,
  createdAt: r.created_at,
});
export const toCustomer = (r: CustomerRow): ExpressCustomer => ({
  expressCustomerId: r.id,
  expressCustomerName: r.name,
  metadata: JSON.parse(r.metadata) as Record<string, string>,
  isActive: r.is_active === 1,
  userCount: r.user_count,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
export const toUser = (r: UserRow): User => ({
  userId: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  status: r.status,
  createdAt: r.created_at,
});

export const CUSTOMER_COLUMNS = `c.id, c.name, c.metadata, c.is_active, c.created_at, c.updated_at,
  (SELECT COUNT(*) FROM memberships m WHERE m.customer_id = c.id) AS user_count`;

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * The reference store: every query the API makes, over any SqlDriver. It decides nothing about
 * who may see what; callers hand it an AccessScope computed by api/access.ts.
 */
export class Store {
  private lastTime = 0;

  constructor(readonly db: SqlDriver) {
    db.exec(SCHEMA);
    const version = this.setting('schema_version');
    if (version !== undefined && Number(version) < SCHEMA_VERSION) migrate(this, Number(version));
    if (version !== String(SCHEMA_VERSION)) this.setSetting('schema_version', String(SCHEMA_VERSION));
    ensureSearchIndex(this);
    if (this.setting('token_secret') === undefined) this.setSetting('token_secret', randomHex(32));
  }

  /** A strictly increasing ISO timestamp, so creation order is also timestamp order. */
  now(): string {
    const t = Math.max(Date.now(), this.lastTime + 1);
    this.lastTime = t;
    return new Date(t).toISOString();
  }

  tx<T>(fn: () => T): T {
    return transaction(this.db, fn);
  }

  setting(key: string): string | undefined {
    return this.db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key])?.value;
  }
  setSetting(key: string, value: string): void {
    this.db.run(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      [key, value],
    );
  }

  // Accounts and keys

  createAccount(name: string): Account {
    const account: Account = { accountId: newId('acct'), name, expressEnabled: false, createdAt: this.now() };
    this.db.run('INSERT INTO accounts (id, name, express_enabled, created_at) VALUES (?, ?, 0, ?)', [
      account.accountId,
      name,
      account.createdAt,
    ]);
    return account;
  }
  getAccount(accountId: string): Account | undefined {
    const r = this.db.get<{ id: string; name: string; express_enabled: number; created_at: string }>(
      'SELECT * FROM accounts WHERE id = ?',
      [accountId],
    );
    return r && { accountId: r.id, name: r.name, expressEnabled: r.express_enabled === 1, createdAt: r.created_at };
  }
  enableExpress(accountId: string): void {
    this.db.run('UPDATE accounts SET express_enabled = 1 WHERE id = ?', [accountId]);
  }
  addApiKey(accountId: string, keyHash: string): void {
    this.db.run('INSERT OR IGNORE INTO api_keys (key_hash, account_id, created_at) VALUES (?, ?, ?)', [
      keyHash,
      accountId,
      this.now(),
    ]);
  }
  accountForKey(keyHash: string): string | undefined {
    return this.db.get<{ account_id: string }>('SELECT account_id FROM api_keys WHERE key_hash = ?', [keyHash])
      ?.account_id;
  }

  // Customers

  createCustomer(accountId: string, name: string, metadata: Record<string, string> = {}): ExpressCustomer {
    const id = newId('cus');
    const at = this.now();
    this.db.run(
      `INSERT INTO customers (id, account_id, name, name_fold, metadata, is_active, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 1, ?, ?)`,
      [id, accountId, name, fold(name), JSON.stringify(metadata), at, at],
    );
    return this.getCustomer(accountId, id)!;
  }
  getCustomer(accountId: string, customerId: string): ExpressCustomer | undefined {
    const r = this.db.get<CustomerRow>(`SELECT ${CUSTOMER_COLUMNS} FROM customers c WHERE c.account_id = ? AND c.id = ?`, [
      accountId,
      customerId,
    ]);
    return r && toCustomer(r);
  }
  /** Sets a customer's state; `updatedAt` moves only when the state changes. True if it changed. */
  setCustomerActive(accountId: string, customerId: string, active: boolean): boolean {
    const flag = active ? 1 : 0;
    return (
      this.db.run('UPDATE customers SET is_active = ?, updated_at = ? WHERE account_id = ? AND id = ? AND is_active != ?', [
        flag,
        this.now(),
        accountId,
        customerId,
        flag,
      ]).changes > 0
    );
  }
  /** Every customer id of the account (for platform admins). */
  customerIds(accountId: string): string[] {
    return this.db.all<{ id: string }>('SELECT id FROM customers WHERE account_id = ?', [accountId]).map((r) => r.id);
  }
  /** The ids of every customer a user belongs to, active or not. */
  membershipIds(userId: string): string[] {
    return this.db
      .all<{ customer_id: string }>('SELECT customer_id FROM memberships WHERE user_id = ?', [userId])
      .map((r) => r.customer_id);
  }
  /** The ids of the active customers a user belongs to. */
  activeMembershipIds(userId: string): string[] {
    return this.db
      .all<{ id: string }>(
        `SELECT c.id FROM memberships m JOIN customers c ON c.id = m.customer_id
         WHERE m.user_id = ? AND c.is_active = 1`,
        [userId],
      )
      .map((r) => r.id);
  }
  /** The customers of a scope, by name (case-folded), then id. */
  listCustomers(scope: AccessScope, limit: number): ExpressCustomer[] {
    const { where, params } = scopeWhere(scope, 'c.id');
    return this.db
      .all<CustomerRow>(
        `SELECT ${CUSTOMER_COLUMNS} FROM customers c WHERE c.account_id = ? ${where}
         ORDER BY c.name_fold, c.id LIMIT ?`,
        [scope.accountId, ...params, limit],
      )
      .map(toCustomer);
  }

  // Users and memberships

  createUser(accountId: string, u: { email: string; name: string; role: Role; status: 'invited' | 'active' }): User {
    const id = newId('usr');
    this.db.run(
      'INSERT INTO users (id, account_id, email, name, role, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [id, accountId, u.email, u.name, u.role, u.status, this.now()],
    );
    return this.getUser(accountId, id)!;
  }
  getUser(accountId: string, userId: string): User | undefined {
    const r = this.db.get<UserRow>('SELECT * FROM users WHERE account_id = ? AND id = ?', [accountId, userId]);
    return r && toUser(r);
  }
  findUserByEmail(accountId: string, email: string): User | undefined {
    const r = this.db.get<UserRow>('SELECT * FROM users WHERE account_id = ? AND email = ?', [accountId, email]);
    return r && toUser(r);
  }
  /** Adds a membership; true if it is new (adding a current member again changes nothing). */
  addMembership(customerId: string, userId: string): boolean {
    return (
      this.db.run('INSERT OR IGNORE INTO memberships (customer_id, user_id, created_at) VALUES (?, ?, ?)', [
        customerId,
        userId,
        this.now(),
      ]).changes > 0
    );
  }
  removeMembership(customerId: string, userId: string): boolean {
    return this.db.run('DELETE FROM memberships WHERE customer_id = ? AND user_id = ?', [customerId, userId]).changes > 0;
  }

  // Studies

  /** Writes a study (its search grams are indexed later, in batches: api/search-index.ts). */
  createStudy(accountId: string, s: NewStudy): Study {
    const id = newId('std');
    this.db.run(INSERT_STUDY, studyRow(id, accountId, s, this.now()));
    return this.getStudy({ accountId, all: true }, id)!;
  }

  getStudy(scope: AccessScope, studyId: string): Study | undefined {
    const { where, params } = scopeWhere(scope, 's.customer_id');
    const r = this.db.get<StudyRow>(`SELECT s.*, NULL AS sort_value FROM studies s WHERE s.id = ? AND s.account_id = ? ${where}`, [
      studyId,
      scope.accountId,
      ...params,
    ]);
    return r && toStudy(r);
  }

  /** One page of a scope's studies (the plan is in api/store-studies.ts). */
  listStudies(scope: AccessScope, f: StudyFilter): { studies: Study[]; last?: [string | number | null, string, string]; hasMore: boolean } {
    return pageStudies(this, scope, f);
  }
}

export function scopeWhere(scope: AccessScope, column: string): { where: string; params: string[] } {
  if (scope.all) return { where: '', params: [] };
  if (scope.customerIds.length === 0) return { where: 'AND 0', params: [] };
  return { where: `AND ${column} IN (${placeholders(scope.customerIds.length)})`, params: [...scope.customerIds] };
}
