/**
 * `npm run bench:api`: latency of GET /v1/studies over real HTTP on 127.0.0.1.
 *
 * For each size (default 10k and 1M studies over 1,000 customers and 10,000 users) it builds a
 * temporary SQLite file with batched inserts inside transactions and starts the reference server
 * on it (server/main.ts, production mode, a free port); then it measures p50 and p99 of
 * sequential requests for a member of three customers and for a platform admin: the first page
 * (default sort), and a search `q` (a surname, and a rare MRN fragment), sending the sizes'
 * requests in turn so that the machine's busy moments fall on every size alike. Results go to
 * bench/results/api.json, and the table with the goal checked to docs/benchmarks-api.md
 * (bench/report-api.ts).
 *
 *   npm run bench:api                         # 10k and 1M
 *   npm run bench:api -- --sizes 10000,100000 # other sizes (results not written)
 *   npm run bench:api -- --smoke              # 2,000 studies, a few requests: checks it runs
 *   … --out <file.json> --md <file.md>        # write the results there instead (any mode)
 *   npm run bench:api -- --report             # docs/benchmarks-api.md again from the last results and bench/notes-api.md
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { startServer } from '../test/support/server-process.js';
import { build, type Built } from './build-db.js';
import { checkGoal, renderApiReport, type ApiResults, type ApiScenario, type ApiSizeResult } from './report-api.js';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const sizesArg = args[args.indexOf('--sizes') + 1];
const SIZES = smoke ? [2000] : args.includes('--sizes') ? sizesArg!.split(',').map(Number) : [10_000, 1_000_000];
const CUSTOMERS = smoke ? 50 : 1000;
const USERS = smoke ? 200 : 10_000;
const WARMUP = smoke ? 5 : 100;
const SAMPLES = smoke ? 20 : 1000;
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const DEFAULT_WRITE = !smoke && !args.includes('--sizes') && !args.includes('--no-write');
const OUT = option('--out') ?? (DEFAULT_WRITE ? 'bench/results/api.json' : undefined);
const MD = option('--md') ?? (DEFAULT_WRITE ? 'docs/benchmarks-api.md' : undefined);
const NOTES = 'bench/notes-api.md';
if (args.includes('--report')) {
  // Only the Markdown again, from the results already measured (after editing bench/notes-api.md).
  const results = JSON.parse(readFileSync('bench/results/api.json', 'utf8')) as ApiResults;
  writeFileSync('docs/benchmarks-api.md', renderApiReport(results, 'bench/results/api.json', readFileSync(NOTES, 'utf8')));
  console.log('Wrote docs/benchmarks-api.md');
  process.exit(0);
}
const started = Date.now();
const round2 = (x: number) => Math.round(x * 100) / 100;
const loadAtStart = loadavg().map(round2);

const load = () => round2(loadavg()[0]!);
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

interface Target {
  url: string;
  token: string;
  /** The page size the data says a right answer has. */
  expected: number;
}

/**
 * p50 and p99 of each target, measured request by request in turn (one to each size, then the
 * next round), so every size sees the same moments of the machine: a ratio between sizes is then
 * not a ratio between a quiet minute and a busy one.
 */
async function measure(targets: Target[]) {
  const once = async ({ url, token, expected }: Target) => {
    const t = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { studies: unknown[] };
    const ms = performance.now() - t;
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`);
    // A fast wrong answer is no result: the page must hold as many rows as the data says.
    if (body.studies.length !== expected) throw new Error(`${url}: ${body.studies.length} rows, expected ${expected}`);
    return ms;
  };
  for (let i = 0; i < WARMUP; i++) for (const t of targets) await once(t);
  const times = targets.map((): number[] => []);
  for (let i = 0; i < SAMPLES; i++) for (const [k, t] of targets.entries()) times[k]!.push(await once(t));
  return targets.map((t, k) => {
    const sorted = times[k]!.sort((a, b) => a - b);
    return { p50: round2(quantile(sorted, 0.5)), p99: round2(quantile(sorted, 0.99)), max: round2(sorted.at(-1)!), rows: t.expected, samples: SAMPLES };
  });
}

/** How many studies in scope (all, or these customers) contain the text: the expected page size. */
function countMatches(file: string, customers: readonly string[], text: string): number {
  const db = new Database(file, { readonly: true });
  try {
    const where = customers.length ? `customer_id IN (${customers.map(() => '?').join(', ')})` : '1';
    return (db.prepare(`SELECT count(*) AS n FROM studies WHERE ${where} AND instr(search_text, ?) > 0`).get(...customers, text) as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Waits until the file is on disk, so writing it back does not overlap the measurements. */
function flush(file: string) {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'avara-bench-'));
const results: ApiSizeResult[] = [];
const servers: Awaited<ReturnType<typeof startServer>>[] = [];
try {
  const built: Built[] = [];
  for (const size of SIZES) {
    console.log(`Building ${size.toLocaleString('en')} studies over ${CUSTOMERS} customers and ${USERS} users…`);
    const b = await build(dir, size, { customers: CUSTOMERS, users: USERS, progress: !smoke });
    flush(b.file);
    console.log(`  built in ${b.seconds.toFixed(1)} s, ${(b.bytes / 1e6).toFixed(0)} MB`);
    built.push(b);
  }
  // The reference server as the tests start it (free ports), on each file, in production mode.
  for (const b of built) servers.push(await startServer({ AVARA_DB: b.file, AVARA_API_KEY: b.apiKey, NODE_ENV: 'production' }));
  // Other work on the machine shows in p99: the 1-minute load average around the measurements.
  const loadBefore = load();
  const scenarios: ApiScenario[][] = built.map(() => []);
  for (const caller of ['member of 3 customers', 'platform admin'] as const) {
    for (const scenario of ['first page', 'surname', 'one MRN'] as const) {
      const targets = built.map((b, k): Target & { query: string; name: string } => {
        const text = scenario === 'surname' ? b.surname : scenario === 'one MRN' ? b.rareMrn : '';
        const query = `limit=25${text ? `&q=${encodeURIComponent(text)}` : ''}`;
        const name = text ? `q=${text} (${scenario})` : scenario;
        const member = caller === 'member of 3 customers';
        return {
          url: `${servers[k]!.origin}/v1/studies?${query}`,
          token: member ? b.memberToken : b.adminToken,
          expected: Math.min(25, countMatches(b.file, member ? b.memberCustomers : [], text)),
          query,
          name,
        };
      });
      const measured = await measure(targets);
      for (const [k, r] of measured.entries()) {
        scenarios[k]!.push({ caller, scenario, query: targets[k]!.query, ...r });
        console.log(`  ${SIZES[k]!.toLocaleString('en').padStart(9)}  ${caller.padEnd(22)} ${targets[k]!.name.padEnd(28)} p50 ${String(r.p50).padStart(7)} ms   p99 ${String(r.p99).padStart(7)} ms   (${r.rows} rows)`);
      }
    }
  }
  const loadAfter = load();
  console.log(`  load average (1 min) ${loadBefore} before, ${loadAfter} after`);
  for (const [k, b] of built.entries()) {
    results.push({
      studies: SIZES[k]!,
      customers: CUSTOMERS,
      users: USERS,
      buildSeconds: Math.round(b.seconds),
      databaseMB: Math.round(b.bytes / 1e6),
      loadAverage1m: { beforeMeasuring: loadBefore, afterMeasuring: loadAfter },
      scenarios: scenarios[k]!,
    });
  }
} finally {
  for (const server of servers) await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

const out: ApiResults = {
  command: ['npm run bench:api', ...(args.length ? ['--', ...args] : [])].join(' '),
  date: new Date(started).toISOString(),
  durationMinutes: Math.round((Date.now() - started) / 60_000),
  machine: {
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    loadAverageAtStart: loadAtStart,
    loadAverageAtEnd: loadavg().map(round2),
  },
  method: `${SAMPLES} sequential requests per scenario and size after ${WARMUP} warm-up requests, the sizes in turn request by request (each size's server running on its own file, written to disk first), over HTTP/1.1 keep-alive on 127.0.0.1; latency from sending the request to the last byte of the JSON body.`,
  results,
};
const goal = checkGoal(out);
if (goal.length) {
  const missed = goal.filter((g) => !g.met);
  console.log(missed.length ? `Goal not met in ${missed.length} of ${goal.length} rows:\n${missed.map((g) => `  ${g.caller}, ${g.scenario}: ${g.why}`).join('\n')}` : `Goal met in all ${goal.length} rows.`);
}
if (OUT) {
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`Wrote ${OUT}`);
}
if (MD) {
  mkdirSync(dirname(MD), { recursive: true });
  const notes = existsSync(NOTES) ? readFileSync(NOTES, 'utf8') : '';
  writeFileSync(MD, renderApiReport(out, OUT ?? 'bench/results/api.json', notes));
  console.log(`Wrote ${MD}`);
}
