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

/**
 * Lit's `static properties` entries with `state: true` are internal reactive state: Lit gives
 * them no attribute, but the analyzer's Lit support only knows `attribute: false`, so this
 * plugin removes the attributes it made for them.
 */
function staticStates() {
  return {
    name: 'avara-static-states',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node)) return;
      const decl = moduleDoc.declarations?.find((d) => d.name === node.name?.getText());
      const properties = node.members.find((m) => m.name?.getText() === 'properties' && ts.isPropertyDeclaration(m))?.initializer;
      if (!decl || !properties || !ts.isObjectLiteralExpression(properties)) return;
      for (const p of properties.properties) {
        const isState =
          ts.isPropertyAssignment(p) &&
          ts.isObjectLiteralExpression(p.initializer) &&
          p.initializer.properties.some((o) => o.name?.getText() === 'state' && o.initializer?.kind === ts.SyntaxKind.TrueKeyword);
        if (!isState) continue;
        const name = p.name.getText();
        decl.attributes = decl.attributes?.filter((a) => a.fieldName !== name);
        const member = decl.members?.find((m) => m.name === name);
        if (member) delete member.attribute;
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
  plugins: [staticStates(), defineModules()],
};
