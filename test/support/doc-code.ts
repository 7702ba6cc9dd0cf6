import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** A fenced code block of a Markdown file. */
export interface CodeBlock {
  lang: string;
  code: string;
  /** The nearest heading above it. */
  heading: string;
}

/** Every fenced code block of a doc, in order, as written. */
export function codeBlocks(file: string): CodeBlock[] {
  const out: CodeBlock[] = [];
  let heading = '';
  let open: { lang: string; lines: string[] } | undefined;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (open) {
      if (/^```\s*$/.test(line)) {
        out.push({ lang: open.lang, code: `${open.lines.join('\n')}\n`, heading });
        open = undefined;
      } else open.lines.push(line);
    } else if (line.startsWith('```')) open = { lang: line.slice(3).trim(), lines: [] };
    else if (/^#{1,6} /.test(line)) heading = line.replace(/^#+ /, '');
  }
  return out;
}

/** The block whose first line names `file` (`// my-app/server.ts`, `<!-- my-app/index.html -->`). */
export function namedBlock(doc: string, file: string): string {
  const block = codeBlocks(doc).find((b) => {
    const first = b.code.split('\n')[0]!;
    return first === `// ${file}` || first === `<!-- ${file} -->` || first.startsWith(`// ${file} `);
  });
  if (!block) throw new Error(`${doc} has no code block for ${file}`);
  return block.code;
}

/**
 * A temporary app folder whose node_modules links `@avara/elements` to this repository (so its
 * package.json "exports" are what resolves, as after `npm install`) and React from this
 * repository, so the app and the package share one React, as an installed app does.
 */
export function linkedApp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const repo = resolve('.');
  const link = (name: string, target: string) => {
    const at = join(dir, 'node_modules', name);
    mkdirSync(dirname(at), { recursive: true });
    symlinkSync(target, at, 'dir');
  };
  link('@avara/elements', repo);
  for (const name of ['react', 'react-dom', '@types/react', '@types/react-dom']) link(name, join(repo, 'node_modules', name));
  return dir;
}
