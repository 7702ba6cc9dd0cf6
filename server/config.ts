import { DEMO_API_KEY } from '../api/seed.js';
import { parseOriginList } from './viewer/viewer-app.js';

/** Settings of `npm start`, from the environment (README "Settings"). */
export interface ServerConfig {
  port: number;
  viewerPort: number;
  dbPath: string;
  apiKey: string;
  host: string;
  production: boolean;
  /** AVARA_DEMO_TOKEN_TTL: lifetime in seconds of the demo page's widget tokens. */
  demoTokenTtlSeconds?: number;
  /** AVARA_VIEWER_PARENT_ORIGINS: origins that may frame the viewer and hand it a token (default: this server's own). */
  viewerParentOrigins?: string[];
  /** AVARA_VIEWER_API_ORIGINS: API origins the viewer may call (default: this server's own). */
  viewerApiOrigins?: string[];
}

export function readConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const port = parsePort(env.PORT, 8787, 'PORT');
  return {
    port,
    viewerPort: parsePort(env.VIEWER_PORT, port + 1, 'VIEWER_PORT'),
    dbPath: env.AVARA_DB || 'data/avara.sqlite',
    apiKey: env.AVARA_API_KEY || DEMO_API_KEY,
    host: env.HOST || '127.0.0.1',
    production: env.NODE_ENV === 'production',
    demoTokenTtlSeconds: env.AVARA_DEMO_TOKEN_TTL ? parsePositive(env.AVARA_DEMO_TOKEN_TTL, 'AVARA_DEMO_TOKEN_TTL') : undefined,
    viewerParentOrigins: parseOriginList(env.AVARA_VIEWER_PARENT_ORIGINS, 'AVARA_VIEWER_PARENT_ORIGINS'),
    viewerApiOrigins: parseOriginList(env.AVARA_VIEWER_API_ORIGINS, 'AVARA_VIEWER_API_ORIGINS'),
  };
}

function parsePort(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, got "${value}".`);
  return n;
}

function parsePositive(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of seconds, got "${value}".`);
  return n;
}
