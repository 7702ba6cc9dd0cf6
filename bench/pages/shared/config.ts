/**
 * What the harness hands every candidate page before any of the page's scripts run (an init
 * script, so the widget token never appears in a URL): the API base, a widget token for the
 * benchmark user, the page size and the locale.
 */
export interface BenchConfig {
  apiBase: string;
  token: string;
  pageSize: number;
  locale: string;
}

export const config = (globalThis as unknown as { __benchConfig: BenchConfig }).__benchConfig;

/** The app container every candidate renders into (1200 × 640 px). */
export const app = document.querySelector<HTMLElement>('#app')!;

/** The column headers of `<avara-study-list>` in English, so the three grids read the same. */
export const HEADERS = { patientName: 'Patient', studyDescription: 'Description', scanDate: 'Scan date', severity: 'Severity' } as const;
export const SEVERITY_LABELS: Record<string, string> = { high: 'High', normal: 'Normal' };
