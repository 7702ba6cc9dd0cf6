import type { Plugin } from 'vite';

/**
 * Shrinks the static text of Lit's css`…` and html`…` templates in the elements' sources before
 * bundling: CSS loses comments and insignificant whitespace; HTML loses line breaks and
 * indentation (a run of whitespace becomes one space, which HTML treats the same). Expressions
 * `${…}` are left untouched. A few KB of the script-tag budget.
 */
export function minifyTemplates(): Plugin {
  return {
    name: 'avara-minify-templates',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id)) return null;
      let changed = false;
      const out = code.replace(/\b(css|html)`((?:[^`\\$]|\\.|\$(?!\{)|\$\{(?:[^{}]|\{[^{}]*\})*\})*)`/g, (whole, tag: string, body: string) => {
        const parts = body.split(/(\$\{(?:[^{}]|\{[^{}]*\})*\})/);
        const min = parts.map((p, i) => (i % 2 === 1 ? p : tag === 'css' ? minifyCss(p) : minifyHtml(p))).join('');
        if (min !== body) changed = true;
        return `${tag}\`${min}\``;
      });
      return changed ? { code: out, map: null } : null;
    },
  };
}

function minifyCss(s: string): string {
  return s
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');
}

function minifyHtml(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}
