import { newId } from './ids.js';
import { toUser, type Store, type UserRow } from './store.js';
import type { Role, User } from './types.js';

/** Queries on users and invitations, beside the Store. */

/** Creates an invited user; only the hash of the invitation token is stored. */
export function insertInvitedUser(
  store: Store,
  accountId: string,
  u: { email: string; name: string; role: Role },
  invitationHash: string,
): User {
  const id = newId('usr');
  store.db.run(
    `INSERT INTO users (id, account_id, email, name, role, status, invitation_hash, created_at)
     VALUES (?, ?, ?, ?, ?, 'invited', ?, ?)`,
    [id, accountId, u.email, u.name, u.role, invitationHash, store.now()],
  );
  return store.getUser(accountId, id)!;
}

/** Gives a still-invited user a new invitation hash (the old token stops working); false when none is pending. */
export function replaceInvitationHash(store: Store, accountId: string, userId: string, invitationHash: string): boolean {
  return (
    store.db.run(
      "UPDATE users SET invitation_hash = ? WHERE account_id = ? AND id = ? AND status = 'invited' AND invitation_hash IS NOT NULL",
      [invitationHash, accountId, userId],
    ).changes > 0
  );
}

/** A user of the account with this email, compared without regard to (ASCII) case. */
export function userByEmail(store: Store, accountId: string, email: string): User | undefined {
  const r = store.db.get<UserRow>('SELECT * FROM users WHERE account_id = ? AND email = ? COLLATE NOCASE', [
    accountId,
    email,
  ]);
  return r && toUser(r);
}

/** The user an invitation token (by its hash) belongs to, in any account. */
export function userByInvitation(store: Store, invitationHash: string): (User & { accountId: string }) | undefined {
  const r = store.db.get<UserRow>('SELECT * FROM users WHERE invitation_hash = ?', [invitationHash]);
  return r && { ...toUser(r), accountId: r.account_id };
}

/** Marks an invited user active; false if they were not invited any more. */
export function activateUser(store: Store, accountId: string, userId: string): boolean {
  return (
    store.db.run("UPDATE users SET status = 'active' WHERE account_id = ? AND id = ? AND status = 'invited'", [
      accountId,
      userId,
    ]).changes > 0
  );
}

/** One page of an account's users, newest first (then id), keyset-paged. */
export function pageUsers(
  store: Store,
  accountId: string,
  o: { limit: number; after?: readonly [string, string] },
): { users: User[]; hasMore: boolean; last?: [string, string] } {
  const args: (string | number)[] = [accountId];
  let where = 'account_id = ?';
  if (o.after) {
    where += ' AND (created_at < ? OR (created_at = ? AND id < ?))';
    args.push(o.after[0], o.after[0], o.after[1]);
  }
  const rows = store.db.all<UserRow>(
    `SELECT * FROM users WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT ?`,
    [...args, o.limit + 1],
  );
  const hasMore = rows.length > o.limit;
  const page = rows.slice(0, o.limit);
  const tail = page.at(-1);
  return { users: page.map(toUser), hasMore, last: tail && [tail.created_at, tail.id] };
}
