import type { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { callerOf, jsonBody, readQuery } from '../http.js';
import {
  addCustomerUser,
  createCustomer,
  listCustomers,
  removeCustomerUser,
  retrieveCustomer,
  setCustomerActive,
  updateCustomerFields,
} from '../services/customers.js';

/**
 * Express customers (secret key, or a platform admin's widget token with `customers:manage`):
 * create, list, retrieve, update, add and remove users, deactivate and reactivate. Every answer
 * is the customer as it is after the change.
 */
export function registerCustomerRoutes(app: Hono<AppEnv>): void {
  const base = '/v1/express/customers';

  app.post(base, async (c) => {
    const who = await callerOf(c);
    readQuery(c, []);
    const body = await jsonBody(c, ['expressCustomerName', 'metadata']);
    return c.json(createCustomer(c.get('deps').store, who, body));
  });

  app.get(base, async (c) => {
    const who = await callerOf(c);
    return c.json(listCustomers(c.get('deps').store, who, readQuery(c, ['limit', 'cursor'])));
  });

  app.get(`${base}/:id`, async (c) => {
    const who = await callerOf(c);
    readQuery(c, []);
    return c.json(retrieveCustomer(c.get('deps').store, who, c.req.param('id')));
  });

  app.patch(`${base}/:id`, async (c) => {
    const who = await callerOf(c);
    readQuery(c, []);
    const body = await jsonBody(c, ['expressCustomerName', 'metadata'], { optional: true });
    return c.json(updateCustomerFields(c.get('deps').store, who, c.req.param('id'), body));
  });

  app.post(`${base}/:id/users`, async (c) => {
    const who = await callerOf(c);
    readQuery(c, []);
    const body = await jsonBody(c, ['userId']);
    return c.json(addCustomerUser(c.get('deps').store, who, c.req.param('id'), body));
  });

  app.delete(`${base}/:id/users/:userId`, async (c) => {
    const who = await callerOf(c);
    readQuery(c, []);
    await jsonBody(c, [], { optional: true });
    return c.json(removeCustomerUser(c.get('deps').store, who, c.req.param('id'), c.req.param('userId')));
  });

  app.post(`${base}/:id/deactivate`, async (c) => {
    const who = await callerOf(c);
    readQuery(c, []);
    await jsonBody(c, [], { optional: true });
    return c.json(setCustomerActive(c.get('deps').store, who, c.req.param('id'), false));
  });

  app.post(`${base}/:id/reactivate`, async (c) => {
    const who = await callerOf(c);
    readQuery(c, []);
    await jsonBody(c, [], { optional: true });
    return c.json(setCustomerActive(c.get('deps').store, who, c.req.param('id'), true));
  });
}
