/**
 * The TypeScript examples of the Avara Express documentation (test/fixtures/avara-express-docs.txt,
 * a copy of the published page), taken out as they are written, so a test can run them.
 *
 * The stored page lost its line breaks: every code block is one line. Code does not need its line
 * breaks except to end a `//` comment, so `restoreLineComments` puts one back where each comment
 * ended — before the next thing that starts a line of Prettier-formatted code (an object key, a
 * closing bracket, a statement) — and changes nothing else.
 */
export function typeScriptSnippets(doc: string): string[] {
  const out: string[] = [];
  const re = /#### TypeScript\s*```\s*([\s\S]*?)\s*```/g;
  for (let m = re.exec(doc); m; m = re.exec(doc)) out.push(restoreLineComments(m[1]!));
  return out;
}

const LINE_START = /\s(?=[A-Za-z_$][\w$]*\s*:|[}\])]|const\s|let\s|await\s|for\s*\(|console\.|return\s)/;

export function restoreLineComments(code: string): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    if (quote) {
      out += ch;
      if (ch === '\\') out += code[++i] ?? '';
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') {
      quote = ch;
      out += ch;
      continue;
    }
    if (ch === '/' && code[i + 1] === '/') {
      const rest = code.slice(i);
      const end = rest.search(LINE_START);
      if (end === -1) return `${out}${rest}\n`;
      out += `${rest.slice(0, end)}\n`;
      i += end;
      continue;
    }
    out += ch;
  }
  return out;
}

/** The documentation's placeholder ids, which a test replaces with real ones. */
export const PLACEHOLDER_CUSTOMER = 'cus_1234567890abcdef1234567890abcdef';
export const PLACEHOLDER_USER = 'usr_1234567890abcdef1234567890abcdef';
