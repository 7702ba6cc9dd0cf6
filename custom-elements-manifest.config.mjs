import { readdirSync, readFileSync } from 'node:fs';

/**
 * Tags are registered in src/define/*.ts through `define('avara-x', AvaraX)`, not by
 * `customElements.define` in the class module, so this plugin reads those calls and gives each
 * class its tag name and a custom-element-definition export.
 */
function defineModules() {
  return {
    name: 'avara-define-modules',
    packageLinkPhase({ customElementsManifest }) {
      const tags = new Map();
      for (const file of readdirSync('src/define').filter((f) => f.endsWith('.ts'))) {
        const text = readFileSync(`src/define/${file}`, 'utf8');
        for (const [, tag, cls] of text.matchAll(/define\(\s*'([a-z0-9-]+)'\s*,\s*(\w+)\s*\)/g)) tags.set(cls, { tag, file });
      }
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          const found = tags.get(decl.name);
          if (!found) continue;
          decl.tagName = found.tag;
          decl.customElement = true;
          mod.exports = [
            ...(mod.exports ?? []),
            { kind: 'custom-element-definition', name: found.tag, declaration: { name: decl.name, module: mod.path } },
          ];
        }
      }
    },
  };
}

/** `npm run analyze`: custom-elements.json from the elements' JSDoc (@attr, @fires, @csspart, @cssproperty, @slot). */
export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/**/*.styles.ts', 'src/**/*.messages.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: true,
  plugins: [defineModules()],
};
