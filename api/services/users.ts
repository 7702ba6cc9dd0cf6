import { accessScope } from '../access.js';
import type { Caller } from '../auth.js';
import { conflict, invalid, notFound } from '../errors.js';
import { randomHex, sha256Hex } from '../ids.js';
import type { Store } from '../store.js';
import { activateUser, insertInvitedUser, pageUsers, replaceInvitationHash, userByEmail, userByInvitation } from '../store-users.js';
import type { Invitation, Role, User, UserList } from '../types.js';
import { decodeCursor, encodeCursor, parseLimit, requireId, requireOneOf, requireString } from '../validate.js';

/**
 * Users of a platform account. A user is invited (`status: invited`) and becomes `active` by
 * accepting the invitation with the one-time token that reached them by email. Only the token's
 * SHA-256 is stored, so a copy of the database cannot accept anyone's invitation.
 */

export const ROLES: readonly Role[] = ['member', 'platform_admin'];
const INVITATION_PREFIX = 'inv_';
const INVITATION_FORM = /^inv_[0-9a-f]{64}$/;
const EMAIL_FORM = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function inviteUser(store: Store, caller: Caller, body: Record<string, unknown>): Promise<Invitation> {
  const { accountId } = accessScope(store, caller);
  const email = requireString(body.email, 'email', { max: 254 });
  if (!EMAIL_FORM.test(email)) throw invalid('invalid_email', '"email" must be an email address.', 'email');
  const name = requireString(body.name, 'name', { max: 256 });
  const role = body.role === undefined ? 'member' : requireOneOf(body.role, ROLES, 'role');
  const { invitationToken, hash } = await newInvitationToken();
  const user = store.tx(() => {
    if (userByEmail(store, accountId, email)) {
      throw conflict('email_taken', `A user with the email ${email} already exists in this account.`, 'email');
    }
    return insertInvitedUser(store, accountId, { email, name, role }, hash);
  });
  return { ...user, invitationToken };
}

async function newInvitationToken(): Promise<{ invitationToken: string; hash: string }> {
  const invitationToken = `${INVITATION_PREFIX}${randomHex(32)}`;
  return { invitationToken, hash: await sha256Hex(invitationToken) };
}

/**
 * The replay of an invitation under its Idempotency-Key, whose first answer is remembered without
 * its token (api/idempotency.ts): a new token for the same invitation while it is pending (the
 * old one stops working), else the user as they are now (accepted: `active`) with no token.
 */
export async function replayInvitation(store: Store, accountId: string, answer: Record<string, unknown>): Promise<Record<string, unknown>> {
  const userId = typeof answer.userId === 'string' ? answer.userId : '';
  const { invitationToken, hash } = await newInvitationToken();
  if (replaceInvitationHash(store, accountId, userId, hash)) return { ...answer, invitationToken };
  return { ...answer, ...store.getUser(accountId, userId), invitationToken: null };
}

/** Public: the invitation token is the credential. A second acceptance is a 409. */
export async function acceptInvitation(store: Store, token: string): Promise<User> {
  if (!INVITATION_FORM.test(token)) {
    throw invalid(
      'invalid_invitation_token',
      '"invitationToken" must be the token of an invitation: "inv_" followed by 64 lowercase hex characters.',
      'invitationToken',
    );
  }
  const hash = await sha256Hex(token);
  return store.tx(() => {
    const user = userByInvitation(store, hash);
    if (!user) throw notFound('invitation (it may have been mistyped or belong to another server)', 'invitationToken');
    if (!activateUser(store, user.accountId, user.userId)) {
      throw conflict('invitation_already_accepted', 'This invitation has already been accepted.', 'invitationToken');
    }
    return store.getUser(user.accountId, user.userId)!;
  });
}

export function retrieveUser(store: Store, caller: Caller, id: string): User {
  const { accountId } = accessScope(store, caller);
  const userId = requireId('usr', id, 'userId');
  const user = store.getUser(accountId, userId);
  if (!user) throw notFound('user', 'userId', userId);
  return user;
}

export function listUsers(store: Store, caller: Caller, query: Record<string, string>): UserList {
  const { accountId } = accessScope(store, caller);
  const limit = parseLimit(query.limit);
  let after: [string, string] | undefined;
  if (query.cursor !== undefined) {
    const c = decodeCursor(query.cursor);
    if (!Array.isArray(c) || c.length !== 3 || c[0] !== 'users' || typeof c[1] !== 'string' || typeof c[2] !== 'string') {
      throw invalid('invalid_cursor', '"cursor" is not a cursor this list returned.', 'cursor');
    }
    after = [c[1], c[2]];
  }
  const page = pageUsers(store, accountId, { limit, after });
  const out: UserList = { users: page.users, hasMore: page.hasMore };
  if (page.hasMore && page.last) out.nextCursor = encodeCursor(['users', ...page.last]);
  return out;
}
