import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { authenticate, requireScope, requireSecretKey } from '../auth.js';
import type { AppEnv } from '../env.js';
import { ApiError } from '../errors.js';
import { readQuery } from '../http.js';
import { DICOM_BODY_LIMIT, getInstanceFile, listInstances, uploadInstance } from '../services/instances.js';

/** POST /v1/studies/{studyId}/instances: the one upload that is not JSON, so the app's 1 MiB JSON limit skips it. */
export const isInstanceUpload = (method: string, path: string): boolean =>
  method === 'POST' && /^\/v1\/studies\/[^/]+\/instances\/?$/.test(path);

/**
 * DICOM instances of a study (reference server extra of DESIGN.md):
 * - `POST /v1/studies/{studyId}/instances` — secret key; the body is a DICOM Part 10 file (≤ 64 MiB).
 * - `GET /v1/studies/{studyId}/instances` — `{instances, hasMore, nextCursor?}` in upload order.
 * - `GET /v1/studies/{studyId}/instances/{instanceId}` — the file, `application/dicom`.
 * Reads need `viewer:open` on a widget token and a study the caller may see (through `accessScope`).
 */
export function registerInstanceRoutes(app: Hono<AppEnv>): void {
  app.post(
    '/v1/studies/:studyId/instances',
    bodyLimit({
      maxSize: DICOM_BODY_LIMIT,
      onError: () => {
        throw new ApiError(413, 'invalid_request_error', 'body_too_large', 'A DICOM instance may be at most 64 MiB.');
      },
    }),
    async (c) => {
      const { store, clock } = c.get('deps');
      const who = await authenticate(store, c.req.raw, clock());
      requireSecretKey(who);
      readQuery(c, []);
      const body = new Uint8Array(await c.req.arrayBuffer());
      return c.json(uploadInstance(store, who, c.req.param('studyId'), body), 200);
    },
  );

  app.get('/v1/studies/:studyId/instances', async (c) => {
    const { store, clock } = c.get('deps');
    const who = await authenticate(store, c.req.raw, clock());
    requireScope(who, 'viewer:open');
    return c.json(listInstances(store, who, c.req.param('studyId'), readQuery(c, ['limit', 'cursor'])));
  });

  app.get('/v1/studies/:studyId/instances/:instanceId', async (c) => {
    const { store, clock } = c.get('deps');
    const who = await authenticate(store, c.req.raw, clock());
    requireScope(who, 'viewer:open');
    readQuery(c, []);
    const { instance, data } = getInstanceFile(store, who, c.req.param('studyId'), c.req.param('instanceId'));
    // Instances never change, so the id is a strong validator. Access is still checked on every
    // request: "private, no-cache" makes a browser revalidate (a 304 costs no body).
    const etag = `"${instance.instanceId}"`;
    const headers = {
      'Cache-Control': 'private, no-cache',
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
    };
    if (c.req.header('if-none-match')?.split(/\s*,\s*/).includes(etag)) return c.body(null, 304, headers);
    return c.body(data as Uint8Array<ArrayBuffer>, 200, {
      ...headers,
      'Content-Type': 'application/dicom',
      'Content-Length': String(data.byteLength),
      'Content-Disposition': `attachment; filename="${instance.instanceId}.dcm"`,
    });
  });
}
