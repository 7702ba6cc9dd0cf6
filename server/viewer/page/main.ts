/// <reference types="vite/client" />
/**
 * Entry of the reference viewer page (served by the reference server on its own origin, built
 * by `vite build -c vite.viewer.config.ts` into dist/viewer/). The server writes the allowed
 * origins into a JSON data block of the page; the token arrives only by postMessage.
 */
import './viewer.css';
import { Viewer, type ViewerConfig } from './viewer.js';

function readConfig(): ViewerConfig {
  const raw = document.getElementById('avara-viewer-config')?.textContent ?? '{}';
  const parsed = JSON.parse(raw) as Partial<ViewerConfig>;
  const origins = (v: unknown) => (Array.isArray(v) ? v.filter((o): o is string => typeof o === 'string') : []);
  return { parentOrigins: origins(parsed.parentOrigins), apiOrigins: origins(parsed.apiOrigins) };
}

new Viewer(document.getElementById('app')!, readConfig()).start();
