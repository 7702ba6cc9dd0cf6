import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DEMO_API_KEY } from '../../api/seed.js';
import { Avara } from '../../sdk/index.js';
import { PRESETS, THEME_TOKENS, type PresetName, type ThemeTokenName } from '../../src/theme/tokens.js';
import { codeBlocks, linkedApp, type CodeBlock } from '../support/doc-code.js';
import { startServer } from '../support/server-process.js';

/**
 * The code of the guides in docs/ does what they say: the server-side SDK snippets run against
 * the reference server; the TypeScript and TSX snippets compile against the package's published
 * types; every tag, attribute, property and event the snippets use exists; the brand example
 * keeps AA contrast; every event is documented; the README links every guide.
 */

const run = promisify(execFile);
const GUIDES = ['quick-start', 'embedding', 'tokens', 'events', 'security', 'accessibility', 'theming'].map((n) => `docs/${n}.md`);

/** Names the snippets use without declaring them (the guides explain them in their prose) are given by a prelude. */
const declares = (code: string, name: string) =>
  new RegExp(`(?:const|let|function|class)\\s+${name}\\b|import\\s+${name}\\b`).test(code);

describe('the SDK snippets of docs/tokens.md run as written against the reference server', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let dir: string;
  let ids: { avaraUserId: string; expressCustomerId: string; otherCustomerId: string };
  const snippets = codeBlocks('docs/tokens.md').filter((b) => b.lang === 'ts');

  before(async () => {
    server = await startServer();
    dir = linkedApp('avara-doc-snippets-');
    const sdk = new Avara({ apiKey: DEMO_API_KEY, baseUrl: server.origin });
    const ben = (await sdk.users.list({ limit: 100 })).users.find((u) => u.email === 'ben@demo.test')!;
    const customers = (await sdk.express.list({ limit: 100 })).expressCustomers;
    const northside = customers.find((c) => c.expressCustomerName.startsWith('Northside'))!;
    const other = customers.find((c) => c !== northside && c.isActive)!;
    ids = { avaraUserId: ben.userId, expressCustomerId: northside.expressCustomerId, otherCustomerId: other.expressCustomerId };
  });
  after(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Runs a snippet in its own Node process (tsx, from the repository's root so @avara/sdk resolves). */
  async function runSnippet(code: string, epilogue = ''): Promise<string[]> {
    const prelude: string[] = [];
    if (!/import Avara\b/.test(code)) prelude.push("import Avara from '@avara/sdk';");
    if (!declares(code, 'avara')) prelude.push('const avara = new Avara({ apiKey: process.env.AVARA_API_KEY });');
    for (const [name, value] of Object.entries(ids)) if (!declares(code, name)) prelude.push(`const ${name} = ${JSON.stringify(value)};`);
    if (!declares(code, 'getSessionUser')) {
      prelude.push(
        `async function getSessionUser(request: Request) { return request.headers.get('cookie') === 'session=ben' ? { avaraUserId } : null; }`,
      );
    }
    const file = join(dir, `snippet-${Math.random().toString(36).slice(2)}.mts`);
    writeFileSync(file, `${prelude.join('\n')}\n${code}\n${epilogue}\n`);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', file], {
      cwd: process.cwd(),
      env: { ...process.env, AVARA_API_KEY: DEMO_API_KEY, AVARA_BASE_URL: server.origin },
    });
    return stdout.trim().split('\n');
  }

  const lifetime = (expiresAt: string) => (Date.parse(expiresAt) - Date.now()) / 1000;

  it('has the snippets this test knows', () => {
    assert.equal(snippets.length, 4, snippets.map((s) => s.code.split('\n')[0]).join('\n'));
  });

  it('mintWidgetToken: a token with the default scopes for 900 s', async () => {
    const code = snippets.find((s) => s.code.includes('function mintWidgetToken'))!.code;
    const [out] = await runSnippet(code, 'console.log(JSON.stringify(await mintWidgetToken(avaraUserId)));');
    const minted = JSON.parse(out!) as { token: string; expiresAt: string };
    assert.match(minted.token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.ok(Math.abs(lifetime(minted.expiresAt) - 900) < 30, minted.expiresAt);
    const me = await fetch(`${server.origin}/v1/me`, { headers: { authorization: `Bearer ${minted.token}` } });
    assert.equal(((await me.json()) as { userId: string }).userId, ids.avaraUserId);
  });

  it('narrowing: one customer, two scopes, 300 s — and the API holds the token to it', async () => {
    const code = snippets.find((s) => s.code.includes('expressCustomerIds: [expressCustomerId]'))!.code;
    const out = await runSnippet(code, "console.log('__MINTED__' + JSON.stringify(minted));");
    const minted = JSON.parse(out.find((l) => l.startsWith('__MINTED__'))!.slice('__MINTED__'.length)) as {
      token: string;
      expiresAt: string;
      scopes: string[];
      expressCustomerIds: string[];
    };
    assert.deepEqual(minted.expressCustomerIds, [ids.expressCustomerId]);
    assert.deepEqual(minted.scopes, ['studies:read', 'customers:read']);
    assert.ok(Math.abs(lifetime(minted.expiresAt) - 300) < 30, minted.expiresAt);
    const token = minted.token;
    const get = (path: string) => fetch(`${server.origin}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const customers = (await (await get('/v1/me/customers')).json()) as { expressCustomers: { expressCustomerId: string }[] };
    assert.deepEqual(customers.expressCustomers.map((c) => c.expressCustomerId), [ids.expressCustomerId]);
    const studies = (await (await get('/v1/studies?limit=100')).json()) as { studies: { studyId: string; expressCustomerId: string }[] };
    assert.ok(studies.studies.length > 0 && studies.studies.every((s) => s.expressCustomerId === ids.expressCustomerId));
    assert.equal((await get(`/v1/studies/${studies.studies[0]!.studyId}/instances`)).status, 403, 'no viewer:open');
  });

  it('widening is refused, with the status, code and param the comment shows', async () => {
    const code = snippets.find((s) => s.code.includes('AvaraInvalidRequestError'))!.code;
    const shown = code.match(/console\.log\(error\.status, error\.code, error\.param\); \/\/ (.+)/)![1]!;
    const out = await runSnippet(code);
    assert.equal(out.at(-1), shown);
  });

  it('the token endpoint: a token for the session user, no-store; 401 without a session', async () => {
    const code = snippets.find((s) => s.code.includes('export async function POST'))!.code;
    const out = await runSnippet(
      code,
      `const ok = await POST(new Request('http://app.example/avara-token', { method: 'POST', headers: { cookie: 'session=ben' } }));
       const none = await POST(new Request('http://app.example/avara-token', { method: 'POST' }));
       console.log(JSON.stringify({ status: ok.status, cache: ok.headers.get('cache-control'), body: await ok.json(), none: none.status }));`,
    );
    const r = JSON.parse(out.at(-1)!) as { status: number; cache: string; body: { token: string; expiresAt: string }; none: number };
    assert.equal(r.status, 200);
    assert.equal(r.cache, 'no-store');
    assert.deepEqual(Object.keys(r.body).sort(), ['expiresAt', 'token']);
    assert.equal(r.none, 401);
  });
});

describe('the TypeScript snippets of the guides compile against the published types', () => {
  it('type-checks every ts and tsx block (frameworks not installed here excepted)', async () => {
    const dir = linkedApp('avara-doc-types-');
    try {
      symlinkSync(resolve('node_modules/@types/node'), join(dir, 'node_modules/@types/node'), 'dir');
      const skipped = /from '(@angular\/|vue|vite|@vitejs\/)/;
      const blocks: { file: string; block: CodeBlock }[] = [];
      for (const doc of GUIDES) {
        codeBlocks(doc)
          .filter((b) => (b.lang === 'ts' || b.lang === 'tsx') && !skipped.test(b.code))
          .forEach((block, i) => blocks.push({ file: `${doc.slice(5, -3)}-${i}.${block.lang}`, block }));
      }
      assert.ok(blocks.length >= 9, `${blocks.length} blocks`);
      mkdirSync(join(dir, 'src'));
      for (const { file, block } of blocks) {
        const isDeclarationFile = block.code.startsWith('// src/avara-elements.d.ts');
        writeFileSync(join(dir, 'src', isDeclarationFile ? file.replace(/\.ts$/, '.d.ts') : file), `${block.code}\nexport {};\n`);
      }
      writeFileSync(
        join(dir, 'src', 'free-names.d.ts'),
        `declare const avara: import('@avara/sdk').Avara;
         declare const avaraUserId: string;
         declare const expressCustomerId: string;
         declare const otherCustomerId: string;
         declare function getSessionUser(request: Request): Promise<{ avaraUserId: string } | null>;`,
      );
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            module: 'ESNext',
            moduleResolution: 'bundler',
            jsx: 'react-jsx',
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            allowImportingTsExtensions: true,
            lib: ['ES2023', 'DOM', 'DOM.Iterable'],
            types: ['node'],
            paths: { '@avara/sdk': [resolve('sdk/index.ts')] },
          },
          include: ['src'],
        }),
      );
      const tsc = resolve('node_modules/typescript/bin/tsc');
      const result = await run(process.execPath, [tsc, '-p', dir]).catch((e: { stdout: string; stderr: string }) => e);
      assert.equal('stdout' in result ? `${result.stdout}${result.stderr}`.trim() : '', '');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Tags with their attributes, properties and events, from the Custom Elements Manifest and the sources. */
function elementApi(): Map<string, { attributes: Set<string>; properties: Set<string>; events: Set<string> }> {
  const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as {
    modules: { path: string; declarations?: { tagName?: string; attributes?: { name: string }[]; events?: { name: string }[] }[] }[];
  };
  const out = new Map<string, { attributes: Set<string>; properties: Set<string>; events: Set<string> }>();
  for (const mod of manifest.modules) {
    for (const d of mod.declarations ?? []) {
      if (!d.tagName) continue;
      const src = readFileSync(mod.path, 'utf8');
      const properties = new Set([
        ...[...src.matchAll(/^\s+(\w+): \{ (?!state)/gm)].map((m) => m[1]!),
        ...[...src.matchAll(/@property\([^)]*\)\s*(?:declare\s+)?(\w+)/g)].map((m) => m[1]!),
        ...[...src.matchAll(/^\s+(?:get |async )?(\w+)\((?:[^)]*)\)(?::[^{]+)? \{/gm)].map((m) => m[1]!),
      ]);
      out.set(d.tagName, {
        attributes: new Set([...(d.attributes ?? []).map((a) => a.name), 'id', 'class', 'style', 'dir', 'lang', 'hidden', 'slot']),
        properties,
        events: new Set((d.events ?? []).map((e) => e.name).filter(Boolean)),
      });
    }
  }
  return out;
}

/** `<avara-…` start tags in a snippet, with their attribute names (quoted and {…} values skipped). */
function avaraTags(code: string): { tag: string; names: string[] }[] {
  const out: { tag: string; names: string[] }[] = [];
  const re = /<(avara-[a-z-]+)(?=[\s>/])/g;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    let i = m.index + m[0].length;
    const names: string[] = [];
    while (i < code.length && code[i] !== '>' && !(code[i] === '/' && code[i + 1] === '>')) {
      const ch = code[i]!;
      if (/\s/.test(ch)) i++;
      else if (ch === '"' || ch === "'" || ch === '`') i = code.indexOf(ch, i + 1) + 1;
      else if (ch === '{') {
        let depth = 0;
        do {
          if (code[i] === '{') depth++;
          else if (code[i] === '}') depth--;
          i++;
        } while (depth > 0 && i < code.length);
      } else if (ch === '=') i++;
      else {
        const name = /^[^\s=>/]+/.exec(code.slice(i))![0];
        names.push(name);
        i += name.length;
      }
    }
    out.push({ tag: m[1]!, names });
  }
  return out;
}

describe('the markup of the guides uses only what the elements have', () => {
  const api = elementApi();
  const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

  for (const doc of [...GUIDES, 'README.md', 'docs/elements.md', 'docs/study-list.md', 'docs/viewer.md']) {
    it(doc, () => {
      const problems: string[] = [];
      for (const block of codeBlocks(doc)) {
        for (const { tag, names } of avaraTags(block.code)) {
          const el = api.get(tag);
          if (!el) {
            problems.push(`<${tag}> is not an element`);
            continue;
          }
          for (const raw of names) {
            const name = raw.replace(/\.prop$/, '');
            const event = /^(?:@|on(?=avara-))(.+)$/.exec(name)?.[1] ?? /^\((.+)\)$/.exec(name)?.[1];
            const property = /^:(.+)$/.exec(name)?.[1] ?? /^\[(.+)\]$/.exec(name)?.[1] ?? (/[A-Z]/.test(name) ? name : undefined);
            const ok = event
              ? el.events.has(event)
              : property
                ? el.properties.has(camel(property)) || el.attributes.has(property)
                : el.attributes.has(name);
            if (!ok) problems.push(`<${tag} ${raw}> (${block.lang || 'text'} block under "${block.heading}")`);
          }
        }
      }
      assert.deepEqual(problems, []);
    });
  }
});

describe('docs/theming.md: the worked brand example', () => {
  const section = codeBlocks('docs/theming.md').filter((b) => b.heading === 'A worked example: a brand');
  const js = section.find((b) => b.lang === 'js')!.code;
  const brand = new Function(`${js.match(/const northwind = (\{[\s\S]*?\n\});/)![0]} return northwind;`)() as Record<
    'light' | 'dark',
    Partial<Record<ThemeTokenName, string>>
  >;

  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a: string, b: string) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (hi + 0.05) / (lo + 0.05);
  };

  it('uses only theme tokens, and the CSS says the same as the theme object', () => {
    const css = section.find((b) => b.lang === 'css')!.code;
    const rule = (selector: string) =>
      Object.fromEntries([...css.split(selector + ' {')[1]!.split('}')[0]!.matchAll(/(--[\w-]+): ([^;]+);/g)].map((m) => [m[1]!, m[2]!]));
    const cssName = Object.fromEntries(Object.entries(THEME_TOKENS).map(([k, v]) => [v, k]));
    const light = rule('avara-provider');
    const dark = { ...light, ...rule("avara-provider[theme-preset='dark']") };
    for (const [preset, declared] of [['light', light], ['dark', dark]] as const) {
      for (const name of Object.keys(declared)) assert.ok(cssName[name], `${name} is a theme token`);
      const fromCss = Object.fromEntries(Object.entries(declared).map(([k, v]) => [cssName[k]!, v]));
      assert.deepEqual(fromCss, brand[preset], preset);
    }
  });

  for (const preset of ['light', 'dark'] as PresetName[]) {
    it(`keeps AA contrast in the ${preset} preset`, () => {
      const t = { ...PRESETS[preset], ...brand[preset as 'light' | 'dark'] };
      for (const bg of [t.colorBackground, t.colorSurface, t.colorSelection]) {
        assert.ok(contrast(t.colorPrimary, bg) >= 4.5, `primary on ${bg}`);
      }
      assert.ok(contrast(t.colorOnPrimary, t.colorPrimary) >= 4.5, 'on-primary');
      for (const bg of [t.colorBackground, t.colorSurface]) assert.ok(contrast(t.focusRing, bg) >= 3, `focus ring on ${bg}`);
    });
  }
});

describe('docs/events.md', () => {
  const doc = readFileSync('docs/events.md', 'utf8');
  // Every event file but the base class every event extends.
  for (const file of readdirSync('src/events').filter((f) => f !== 'avara-event.ts')) {
    const src = readFileSync(`src/events/${file}`, 'utf8');
    const name = /super\('([\w-]+)'/.exec(src)![1]!;
    const cls = /export class (\w+)/.exec(src)![1]!;
    it(`documents ${name} with its class and every detail field`, () => {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${name}\``));
      assert.ok(row, `${name} has a row`);
      assert.ok(row.includes(`\`${cls}\``), cls);
      const fields = [.../extends AvaraEvent<\{([^>]*)\}>/.exec(src.replace(/\s+/g, ' '))![1]!.matchAll(/(\w+)\??:/g)].map((m) => m[1]!);
      for (const f of fields) assert.ok(row.includes(`${f}:`), `${name}: ${f}`);
    });
  }
});

describe('README and the changelog', () => {
  it('the README links every guide in docs/', () => {
    const readme = readFileSync('README.md', 'utf8');
    const guides = readdirSync('docs').filter((f) => f.endsWith('.md'));
    for (const g of guides) assert.ok(readme.includes(`](docs/${g})`), `README links docs/${g}`);
  });

  it('every changeset names this package with a valid bump and says something', () => {
    const files = readdirSync('.changeset').filter((f) => f.endsWith('.md') && f !== 'README.md');
    assert.ok(files.length > 0, 'a changeset for the release');
    for (const f of files) {
      const m = /^---\n([\s\S]*?)\n---\n+([\s\S]+)$/.exec(readFileSync(`.changeset/${f}`, 'utf8'));
      assert.ok(m, `${f}: front matter and a summary`);
      assert.match(m[1]!, /^['"]@avara\/elements['"]: (major|minor|patch)$/m, f);
      assert.ok(m[2]!.trim().length > 20, `${f}: a summary`);
    }
  });
});
