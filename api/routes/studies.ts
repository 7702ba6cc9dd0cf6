import type { Hono } from 'hono';
import { requireScope, requireSecretKey } from '../auth.js';
import type { AppEnv } from '../env.js';
import { callerOf, jsonBody, readQuery } from '../http.js';
import { createStudy, getStudy, listStudies, STUDY_FIELDS, STUDY_LIST_PARAMS } from '../services/studies.js';

/**
 * Studies:
 * - `POST /v1/auto-scribe/studies`, `POST /v1/viewer/studies` (secret key)
 * - `GET /v1/studies`, `GET /v1/studies/{studyId}` (widget token with `studies:read`, or the secret key)
 */
export function registerStudyRoutes(app: Hono<AppEnv>): void {
  for (const [path, product] of [
    ['/v1/auto-scribe/studies', 'autoScribe'],
    ['/v1/viewer/studies', 'viewer'],
  ] as const) {
    app.post(path, async (c) => {
      const who = await callerOf(c);
      requireSecretKey(who);
      readQuery(c, []);
      const body = await jsonBody(c, STUDY_FIELDS);
      return c.json(createStudy(c.get('deps').store, who, product, body));
    });
  }

  app.get('/v1/studies', async (c) => {
    const who = await callerOf(c);
    requireScope(who, 'studies:read');
    return c.json(listStudies(c.get('deps').store, who, readQuery(c, STUDY_LIST_PARAMS)));
  });

  app.get('/v1/studies/:studyId', async (c) => {
    const who = await callerOf(c);
    requireScope(who, 'studies:read');
    readQuery(c, []);
    return c.json(getStudy(c.get('deps').store, who, c.req.param('studyId')));
  });
}
