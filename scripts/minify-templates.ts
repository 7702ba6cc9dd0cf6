import type { Plugin } from 'vite';

/**
 * Shrinks the static text of Lit's css`…` and html`…` templates in the elements' sources before
 * bundling: CSS loses comments and insignificant whitespace; HTML loses line breaks and
 * indentation (a run of whitespace becomes one space, which HTML treats the same). Expressions
 * `${…}` are kept as they are, except that templates nested in them are shrunk the same way.
 * A few KB of the script-tag budget.
 */
export function minifyTemplates(): Plugin {
  return {
    name: 'avara-minify-templates',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id)) return null;
      const out = minifyCode(code);
      return out !== code ? { code: out, map: null } : null;
    },
  };
}

const TAG = /\b(css|html)`/g;

/** Shrinks every css`…`/html`…` template in a piece of code (a module, or one `${…}` expression). */
export function minifyCode(code: string): string {
  let out = '';
  let from = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(code); m; m = TAG.exec(code)) {
    const tag = m[1] as 'css' | 'html';
    const start = m.index + m[0].length;
    const parts = templateParts(code, start);
    if (!parts) continue; // not a template we can read: leave it (and what follows) alone
    let body = parts.map((p, i) => (i % 2 === 1 ? `\${${minifyCode(p)}}` : tag === 'css' ? minifyCss(p) : minifyHtml(p))).join('');
    if (tag === 'css') body = body.trim(); // whitespace around a whole stylesheet means nothing
    out += `${code.slice(from, start)}${body}\``;
    from = parts.end;
    TAG.lastIndex = from;
  }
  return out + code.slice(from);
}

/**
 * Splits the template starting at `i` (just after its opening backtick) into static text and the
 * code of its expressions, alternating; `end` is the index after the closing backtick.
 */
function templateParts(code: string, i: number): (string[] & { end: number }) | undefined {
  const parts: string[] = [];
  let text = i;
  while (i < code.length) {
    const c = code[i];
    if (c === '\\') i += 2;
    else if (c === '`') {
      parts.push(code.slice(text, i));
      return Object.assign(parts, { end: i + 1 });
    } else if (c === '$' && code[i + 1] === '{') {
      parts.push(code.slice(text, i));
      const close = skipCode(code, i + 2);
      if (close === undefined) return undefined;
      parts.push(code.slice(i + 2, close));
      i = text = close + 1;
    } else i++;
  }
  return undefined;
}

/** From `i` inside `${…}`, the index of the `}` that closes it (strings and nested templates skipped). */
function skipCode(code: string, i: number): number | undefined {
  let depth = 0;
  while (i < code.length) {
    const c = code[i]!;
    if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    } else if (c === "'" || c === '"') {
      i++;
      while (i < code.length && code[i] !== c) i += code[i] === '\\' ? 2 : 1;
    } else if (c === '`') {
      const inner = templateParts(code, i + 1);
      if (!inner) return undefined;
      i = inner.end;
      continue;
    } else if (c === '/' && code[i + 1] === '/') {
      while (i < code.length && code[i] !== '\n') i++;
    } else if (c === '/' && code[i + 1] === '*') {
      const end = code.indexOf('*/', i + 2);
      if (end < 0) return undefined;
      i = end + 1;
    }
    i++;
  }
  return undefined;
}

function minifyCss(s: string): string {
  return s
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/ !important/g, '!important')
    .replace(/;}/g, '}')
    .replace(/ ?([*/]) ?/g, '$1') // calc(a * b), rgb(0 0 0 / 0.2): no space is needed around * and /
    .replace(/([\s:(,*/-])0\.(\d)/g, '$1.$2') // 0.5 → .5
    .replace(/\[([\w-]+)='([\w-]+)'\]/g, '[$1=$2]'); // [role='listbox'] → [role=listbox]
}

function minifyHtml(s: string): string {
  return s
    .replace(/\s*\n\s*(\/?>)/g, '$1') // a tag's closing > on a line of its own
    .replace(/\s*\n\s*/g, ' ')
    .replace(/=(["'])([\w-]+)\1(?!\/)/g, '=$2'); // class="label" → class=label (quotes kept before />)
}
