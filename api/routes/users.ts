import type { Hono } from 'hono';
import { requireSecretKey } from '../auth.js';
import type { AppEnv } from '../env.js';
import { callerOf, jsonBody, readQuery } from '../http.js';
import { acceptInvitation, inviteUser, listUsers, retrieveUser } from '../services/users.js';

/**
 * Users (secret key), and the public invitation acceptance:
 * - `POST /v1/users/invitations` `{email, name, role?}` → the user, `invited`, with `invitationToken`
 * - `POST /v1/invitations/{invitationToken}/accept` → the user, `active` (public; again → 409)
 * - `GET /v1/users?limit=&cursor=`, `GET /v1/users/{userId}`
 */
export function registerUserRoutes(app: Hono<AppEnv>): void {
  app.post('/v1/users/invitations', async (c) => {
    const who = await callerOf(c);
    requireSecretKey(who);
    readQuery(c, []);
    const body = await jsonBody(c, ['email', 'name', 'role']);
    return c.json(await inviteUser(c.get('deps').store, who, body));
  });

  app.post('/v1/invitations/:invitationToken/accept', async (c) => {
    readQuery(c, []);
    await jsonBody(c, [], { optional: true });
    return c.json(await acceptInvitation(c.get('deps').store, c.req.param('invitationToken')));
  });

  app.get('/v1/users', async (c) => {
    const who = await callerOf(c);
    requireSecretKey(who);
    return c.json(listUsers(c.get('deps').store, who, readQuery(c, ['limit', 'cursor'])));
  });

  app.get('/v1/users/:userId', async (c) => {
    const who = await callerOf(c);
    requireSecretKey(who);
    readQuery(c, []);
    return c.json(retrieveUser(c.get('deps').store, who, c.req.param('userId')));
  });
}
