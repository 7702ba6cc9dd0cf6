import { defineConfig } from 'vite';

/**
 * The reference viewer page's script and styles (server/viewer/page/), with daikon bundled, into
 * dist/viewer/. Built after the elements (whose build empties dist/); the viewer origin of
 * `npm start` serves it at /assets/.
 */
export default defineConfig({
  publicDir: false,
  build: {
    target: 'es2022',
    outDir: 'dist/viewer',
    emptyOutDir: true,
    sourcemap: true,
    // daikon with its JPEG, JPEG-LS and JPEG 2000 decoders is about 1.2 MB; it loads once per viewer origin.
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      input: 'server/viewer/page/main.ts',
      onLog(level, log, handler) {
        // The CharLS (JPEG-LS) build inside daikon contains Emscripten's `eval`-based helpers; the
        // viewer never calls them, and its CSP (script-src 'self', no 'unsafe-eval') would refuse them.
        // Its Node branch also names `fs` and `path`, which the browser build leaves out.
        if (log.message.includes('charLS') && (log.code === 'EVAL' || log.message.includes('externalized for browser compatibility'))) return;
        handler(level, log);
      },
      output: {
        format: 'es',
        entryFileNames: 'viewer.js',
        chunkFileNames: 'viewer-[name].js',
        assetFileNames: 'viewer[extname]',
        minify: true,
      },
    },
  },
});
