/** `npm run analyze`: custom-elements.json from the elements' JSDoc (@attr, @fires, @csspart, @cssproperty, @slot). */
export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/**/*.styles.ts', 'src/**/*.messages.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: true,
};
