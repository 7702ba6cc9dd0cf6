/**
 * docs/benchmarks.md, written by `npm run bench` from the results it has just measured. Nothing in
 * the tables is typed by hand; the findings and the work on missed goals come from
 * bench/notes.md, which is copied in as it stands.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Metric {
  label: string;
  key: string;
  format: (x: number) => string;
}

const ms = (x: number) => x.toFixed(1);
const whole = (x: number) => String(Math.round(x));
const mb = (x: number) => (x / 1e6).toFixed(2);

/** The rows of every table, in order; `ratio` columns are `<avara-study-list>` ÷ peer. */
export const METRICS: Metric[] = [
  { label: 'data → first rows painted (ms)', key: 'dataToRowsMs', format: ms },
  { label: 'navigation → first rows painted (ms)', key: 'navToRowsMs', format: ms },
  { label: 'DOM nodes at top', key: 'nodesTop', format: whole },
  { label: 'DOM nodes after scrolling', key: 'nodesScrolled', format: whole },
  { label: 'elements after scrolling', key: 'elementsScrolled', format: whole },
  { label: 'JS heap after GC, at top (MB)', key: 'heapTopBytes', format: mb },
  { label: 'JS heap after GC, after scrolling (MB)', key: 'heapScrolledBytes', format: mb },
  { label: 'p95 frame interval while scrolling (ms)', key: 'frameP95Ms', format: ms },
  { label: 'p95 frame work while scrolling (ms)', key: 'frameWorkP95Ms', format: ms },
  { label: 'sort click → sorted rows painted (ms)', key: 'sortMs', format: ms },
  { label: 'customer switch → new rows painted (ms)', key: 'switchMs', format: ms },
];

export const NOTES_FILE = join(import.meta.dirname, 'notes.md');
export const NOTES = existsSync(NOTES_FILE) ? readFileSync(NOTES_FILE, 'utf8').trim() : '';

type Candidate = 'avara' | 'vaadin' | 'ag-grid';
const CANDIDATES: Candidate[] = ['avara', 'vaadin', 'ag-grid'];

export interface Report {
  command: string;
  /** The results file, relative to the repository. */
  out: string;
  date: string;
  durationS: number;
  machine: {
    nproc: number;
    cpuModel: string;
    memoryGiB: number;
    loadAverageAtStart: number[];
    loadAverageAtEnd: number[];
    os: string;
    node: string;
    chromium: string;
  };
  method: {
    candidates: Record<Candidate, string>;
    versions: Record<string, string>;
    pageSize: number;
    viewport: { width: number; height: number };
    samples: number;
    warmupRoundsDiscarded: number;
    scroll: { pxPerFrame: number; frames: number; px: number };
  };
  bundles: Record<string, { minBytes: number; gzipBytes: number }>;
  sizes: Record<
    string,
    {
      candidates: Record<Candidate, { median: Record<string, number>; iqr: Record<string, [number, number]> }>;
      ratios: Record<'vaadin' | 'ag-grid', Record<string, number>>;
    }
  >;
  goals: { goal: string; size: number; met: boolean; detail: string }[];
}

const n = (x: number) => x.toLocaleString('en-US');
const ratio = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(2));

export function renderReport(r: Report, notes: string): string {
  const m = r.machine;
  const v = r.method.versions;
  const L = Object.fromEntries(Object.entries(r.method.candidates).map(([k, label]) => [k, `\`${label}\``])) as Record<Candidate, string>;
  const lines: string[] = [];
  const push = (...xs: string[]) => lines.push(...xs);
  push(
    '# UI benchmarks: `<avara-study-list>` against `@vaadin/grid` and `ag-grid-community`',
    '',
    '<!-- Written by `npm run bench` (bench/run.ts, bench/report.ts); the findings at the end come from bench/notes.md. Do not edit by hand. -->',
    '',
    `- **Command:** \`${r.command}\` (results in \`${r.out}\`)`,
    `- **Date:** ${r.date.slice(0, 10)} (${r.date}), ${Math.round(r.durationS / 60)} minutes`,
    `- **Machine:** ${m.cpuModel}, ${m.nproc} cores, ${m.memoryGiB} GiB; ${m.os}; Node ${m.node}; ${m.chromium} (headless, software rendering)`,
    `- **Load average** (1, 5, 15 min) at start ${m.loadAverageAtStart.join(', ')}, at end ${m.loadAverageAtEnd.join(', ')}. The machine was shared with other work while this ran, so expect noise; the medians and the interquartile ranges in ui.json are the figures to trust, not single samples.`,
    `- **Versions:** lit ${v.lit}, @vaadin/grid ${v['@vaadin/grid']}, ag-grid-community ${v['ag-grid-community']}, Vite ${v.vite}, playwright-core ${v['playwright-core']}`,
    `- **Samples:** ${r.method.samples} per candidate and size (medians below), after ${r.method.warmupRoundsDiscarded} discarded warm-up round(s); the candidates are interleaved, each round starting with a different one, and every sample is a fresh browser context.`,
    '',
    '## Method',
    '',
    `Each candidate is a production Vite build of a page under bench/pages/ showing the same four columns (patient, description, scan date, severity) in the same 1200 × 640 box of a ${r.method.viewport.width} × ${r.method.viewport.height} viewport, 35 px rows. All three page the same local reference API (bench/server.ts: the real \`createApp\` over a temporary SQLite file seeded by bench/seed.ts) on the same 127.0.0.1 origin, with a widget token, ${r.method.pageSize} studies per request, cursor paging and server-side sorting; the peers are wired the way a vendor would wire them to this API (bench/pages/vaadin, bench/pages/ag-grid). One injected script (bench/probe.js) measures every candidate the same way:`,
    '',
    "- **painted** means the end of the rendering step of the first frame whose DOM holds the expected row 0 (patient and description), visible; the text is watched with a MutationObserver across shadow roots, the frame's end is a message posted from that frame's requestAnimationFrame.",
    '- **data → first rows:** the probe reads the first `/v1/studies` response in full and holds it until the page has been idle for 5 frames, then hands it over; the time runs from the hand-over to the painted frame. Without the hold, a candidate that asks early (ours asks during its first render) would be charged for the rest of its own page start-up.',
    '- **navigation → first rows:** a separate plain page load, nothing held (the end-to-end figure, bundle download and start-up included).',
    '- **DOM nodes:** every node (elements, text, comments) under the app container, shadow roots included, once requests have settled at the top and after scrolling.',
    '- **JS heap:** `Runtime.getHeapUsage` after two `HeapProfiler.collectGarbage` calls (DevTools protocol).',
    `- **scrolling:** from the top, ${r.method.scroll.pxPerFrame} px per frame set on the grid's own scroller for ${r.method.scroll.frames} frames (${n(r.method.scroll.px)} px, about ${n(Math.round(r.method.scroll.px / 35))} rows, new pages loading on the way). The whole list (350,000 px at 10,000 rows) would take minutes per sample at a fixed speed, so the stretch is the same fixed length for every size. *Frame interval* is the time between requestAnimationFrame timestamps (16.7 ms = no frame dropped at 60 Hz; it cannot be lower); *frame work* is each frame's start to the end of its rendering step (scroll handlers, rendering, observers).`,
    '- **sort:** a real mouse click on the patient header (ascending by name); from the `pointerup` to the frame showing the sorted row 0.',
    '- **customer switch:** `avara-customer-change` dispatched (as `<avara-customer-switcher>` does; ours runs inside `<avara-provider>`, the peers refetch in a listener), to the frame showing that customer’s row 0; two switches per sample against the real local API.',
    '- **bundle:** every JavaScript file the page loads, minified by Vite, each gzipped at level 9.',
    '',
  );

  for (const [size, s] of Object.entries(r.sizes)) {
    push(`## ${n(Number(size))} studies`, '', `| median | ${L.avara} | ${L.vaadin} | ${L['ag-grid']} | ÷ vaadin | ÷ ag-grid |`, '|---|--:|--:|--:|--:|--:|');
    for (const { label, key, format } of METRICS) {
      const c = s.candidates;
      push(
        `| ${label} | ${CANDIDATES.map((k) => (c[k].median[key] === undefined ? '–' : format(c[k].median[key]!))).join(' | ')} | ${ratio(s.ratios.vaadin[key])} | ${ratio(s.ratios['ag-grid'][key])} |`,
      );
    }
    push('');
    const iq = (k: Candidate, key: string, f: (x: number) => string) => {
      const q = s.candidates[k].iqr[key];
      return q ? `${f(q[0])}–${f(q[1])}` : '–';
    };
    push(
      `Interquartile ranges, data → first rows: ${CANDIDATES.map((k) => `${k} ${iq(k, 'dataToRowsMs', ms)} ms`).join(', ')}; frame work p95: ${CANDIDATES.map((k) => `${k} ${iq(k, 'frameWorkP95Ms', ms)} ms`).join(', ')}; customer switch: ${CANDIDATES.map((k) => `${k} ${iq(k, 'switchMs', ms)} ms`).join(', ')}.`,
      '',
    );
  }

  push('## Bundle size (min + gzip)', '', '| page | min (bytes) | min + gzip (bytes) | ÷ ours |', '|---|--:|--:|--:|');
  const ours = r.bundles.avara?.gzipBytes ?? NaN;
  const pageLabel: Record<string, string> = {
    avara: L.avara,
    'avara-provider': `${L.avara} in \`<avara-provider>\``,
    vaadin: L.vaadin,
    'ag-grid': `${L['ag-grid']} (infinite row model only)`,
  };
  for (const [page, b] of Object.entries(r.bundles)) {
    push(`| ${pageLabel[page] ?? page} | ${n(b.minBytes)} | ${n(b.gzipBytes)} | ${(b.gzipBytes / ours).toFixed(2)} |`);
  }
  push('', 'Each page’s whole JavaScript: the component, its framework (Lit, or the grid’s own), the data wiring and the shared formatting functions.', '');

  push('## Goals', '', '| goal | result | |', '|---|---|---|');
  for (const g of r.goals) push(`| ${g.goal} | ${g.detail} | ${g.met ? 'met' : '**missed**'} |`);
  push('');
  if (notes) push('## Findings and work on missed goals', '', notes, '');
  return `${lines.join('\n')}\n`;
}

// `npm run bench:report`: docs/benchmarks.md again from bench/results/ui.json and bench/notes.md,
// without measuring again (for findings written after a run).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const results = JSON.parse(readFileSync('bench/results/ui.json', 'utf8')) as Report;
  writeFileSync('docs/benchmarks.md', renderReport(results, NOTES));
  console.log('Wrote docs/benchmarks.md from bench/results/ui.json');
}
