import type { Instance, Study } from '../../../api/types.js';
import type { HostInitMessage, ViewerErrorCode } from '../../../src/elements/viewer-frame/viewer-protocol.js';
import { formatCalendarDate } from '../../../src/format/calendar-date.js';
import { pickLanguage } from '../../../src/format/locale.js';
import { formatPersonName } from '../../../src/format/person-name.js';
import { ViewerApi, ViewerApiError } from './api.js';
import { decodeInstance, type Slice } from './dicom.js';
import { HostLink } from './host-link.js';
import { messages, type ViewerMessages } from './messages.js';
import { defaultWindow, fit, toRgba, type WindowLevel } from './render.js';

export interface ViewerConfig {
  /** Origins allowed to frame the viewer and hand it a token. */
  parentOrigins: string[];
  /** Origins of the Avara API the viewer may call with that token. */
  apiOrigins: string[];
}

type ViewState = 'unframed' | 'waiting' | 'loading' | 'ready' | 'empty' | 'error';

const STUDY_ID = /^std_[0-9a-f]{32}$/;
const RENEW_TIMEOUT_MS = 10_000;
const FETCH_CONCURRENCY = 4;

/** Builds an element with text content only: no string from the API is ever parsed as markup. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * The reference viewer page: receives the widget token from its host page by postMessage, loads
 * the study and its DICOM instances from the API, and shows them on a canvas with window/level
 * (drag, keys, sliders) and slice scrolling (wheel, keys, slider).
 */
export class Viewer {
  private t: ViewerMessages = messages.en;
  private locale = 'en';
  private token = '';
  private renewing: Promise<string | undefined> | undefined;
  /** The refused token the host was last asked to replace: it is asked once per refused token. */
  private renewedFor: string | undefined;
  private tokenArrived: ((token: string) => void) | undefined;
  private api: ViewerApi | undefined;
  private studyId = '';
  private loading: AbortController | undefined;
  private study: Study | null = null;
  private slices: Slice[] = [];
  private ranges = new Map<string, { min: number; max: number }>();
  private index = 0;
  /** The window the user chose; null = each slice's default. */
  private wl: WindowLevel | null = null;
  private failedImages = 0;
  private state: ViewState = 'waiting';
  private errorCode: ViewerErrorCode | undefined;
  private message = '';
  private drawQueued = false;
  private imageData: ImageData | undefined;
  private readonly offscreen = document.createElement('canvas');
  private readonly link: HostLink;
  private readonly ui: ReturnType<Viewer['build']>;

  constructor(
    private readonly root: HTMLElement,
    private readonly config: ViewerConfig,
  ) {
    this.link = new HostLink(config.parentOrigins, {
      init: (m) => this.onInit(m),
      token: (token) => this.onToken(token),
      study: (studyId) => void this.open(studyId),
    });
    this.ui = this.build();
    this.bind();
  }

  start(): void {
    this.setState(this.link.start() ? 'waiting' : 'unframed');
  }

  // Host messages

  private onInit(m: HostInitMessage): void {
    this.setLocale(m.locale);
    this.token = m.token;
    const apiBase = this.allowedApiBase(m.apiBase);
    if (!apiBase) {
      this.api = undefined;
      this.fail('api_origin_not_allowed', this.t.apiNotAllowed);
      return;
    }
    this.api = new ViewerApi(apiBase, { current: () => this.token, renew: (failed) => this.renew(failed) });
    void this.open(m.studyId);
  }

  private onToken(token: string): void {
    const refused = this.state === 'error' && this.errorCode === 'token_refused' && token !== this.token;
    this.token = token;
    this.tokenArrived?.(token);
    if (refused && this.studyId) void this.open(this.studyId);
  }

  /** Asks the host for a new token once per refused token; resolves with it, or undefined after a while. */
  private renew(failed: string): Promise<string | undefined> {
    if (this.token !== failed) return Promise.resolve(this.token);
    // A request refused after the renewal for this token has ended (the host had nothing newer):
    // do not ask again.
    if (!this.renewing && this.renewedFor === failed) return Promise.resolve(undefined);
    this.renewedFor = failed;
    this.renewing ??= new Promise<string | undefined>((resolve) => {
      const timer = setTimeout(() => done(undefined), RENEW_TIMEOUT_MS);
      const done = (token: string | undefined) => {
        clearTimeout(timer);
        this.tokenArrived = undefined;
        this.renewing = undefined;
        resolve(token);
      };
      this.tokenArrived = done;
      this.link.send({ type: 'avara:token-request', version: 1 });
    });
    return this.renewing;
  }

  private allowedApiBase(value: string): string | undefined {
    try {
      const url = new URL(value);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
      if (!this.config.apiOrigins.includes(url.origin)) return undefined;
      url.search = url.hash = '';
      return url.href.endsWith('/') ? url.href : `${url.href}/`;
    } catch {
      return undefined;
    }
  }

  private setLocale(locale: string): void {
    this.locale = locale || 'en';
    this.t = pickLanguage(messages, this.locale);
    try {
      document.documentElement.lang = new Intl.Locale(this.locale).toString();
    } catch {
      document.documentElement.lang = 'en';
    }
    document.title = this.t.documentTitle;
    this.renderStatic();
  }

  // Loading

  private async open(studyId: string): Promise<void> {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    const { signal } = controller;
    this.studyId = studyId;
    this.study = null;
    this.slices = [];
    this.ranges.clear();
    this.index = 0;
    this.wl = null;
    this.failedImages = 0;
    this.setState('loading', this.t.loadingStudy);
    const api = this.api;
    if (!api) return;
    if (!STUDY_ID.test(studyId)) return this.fail('study_not_found', this.t.notVisible);

    const [study, instances] = await Promise.allSettled([api.study(studyId, signal), api.instances(studyId, signal)]);
    if (signal.aborted) return;
    if (instances.status === 'rejected') return this.failWith(instances.reason);
    // Study details need `studies:read`; the images need only `viewer:open`. Show what may be shown.
    this.study = study.status === 'fulfilled' ? study.value : null;
    if (study.status === 'rejected' && !(study.reason instanceof ViewerApiError && study.reason.status === 403)) {
      return this.failWith(study.reason);
    }
    this.renderDetails(instances.value.length);
    if (instances.value.length === 0) {
      this.setState('empty', this.t.noImages);
      this.link.send({ type: 'avara:study-loaded', version: 1, studyId, imageCount: 0 });
      return;
    }

    const list = instances.value;
    const decoded: (Slice[] | undefined)[] = new Array(list.length);
    let done = 0;
    this.setState('loading', this.t.loadingImages(0, list.length));
    try {
      await inPool(list, FETCH_CONCURRENCY, async (instance: Instance, i: number) => {
        const bytes = await api.instanceBytes(studyId, instance.instanceId, signal);
        if (signal.aborted) return;
        try {
          decoded[i] = decodeInstance(bytes);
        } catch (e) {
          console.warn(`Instance ${instance.instanceId}: ${(e as Error).message}`);
          this.failedImages++;
        }
        done++;
        this.setState('loading', this.t.loadingImages(done, list.length));
        await new Promise((r) => setTimeout(r, 0)); // let the page breathe between decodes
      });
    } catch (e) {
      if (signal.aborted) return;
      controller.abort(); // stop the other downloads
      return this.failWith(e);
    }
    if (signal.aborted) return;

    this.slices = order(decoded);
    for (const s of this.slices) {
      const r = this.ranges.get(s.series);
      this.ranges.set(s.series, r ? { min: Math.min(r.min, s.min), max: Math.max(r.max, s.max) } : { min: s.min, max: s.max });
    }
    if (this.slices.length === 0) return this.fail('decode_failed', this.t.decodeFailed);
    this.renderDetails(this.slices.length);
    this.setState('ready', this.failedImages ? this.t.someFailed(this.failedImages) : '');
    this.queueDraw();
    this.link.send({ type: 'avara:study-loaded', version: 1, studyId, imageCount: this.slices.length });
  }

  private failWith(e: unknown): void {
    if (e instanceof ViewerApiError) {
      if (e.status === 401) return this.fail('token_refused', this.t.tokenRefused);
      if (e.status === 403) return this.fail('permission_denied', this.t.permissionDenied);
      if (e.status === 404 || e.status === 400) return this.fail('study_not_found', this.t.notVisible);
      if (e.status === 0) return this.fail('api_unreachable', this.t.unreachable);
    }
    console.error(e);
    this.fail('api_error', this.t.unreachable);
  }

  private fail(code: ViewerErrorCode, message: string): void {
    this.errorCode = code;
    this.slices = [];
    this.setState('error', message);
    this.link.send({ type: 'avara:viewer-error', version: 1, code, message, ...(this.studyId ? { studyId: this.studyId } : {}) });
  }

  // View

  private build() {
    const main = el('main', { class: 'viewer' });
    const heading = el('h1', { class: 'patient' });
    const details = el('dl', { class: 'details' });
    const stage = el('div', { class: 'stage' });
    const canvas = el('canvas', { tabindex: '0', role: 'img', 'aria-describedby': 'keys' });
    const status = el('p', { class: 'message', role: 'status' });
    const alert = el('p', { class: 'message error', role: 'alert' });
    stage.append(canvas, status, alert);
    const controls = el('div', { class: 'controls' });
    const slice = el('input', { id: 'slice', type: 'range', min: '1', max: '1', step: '1', value: '1' });
    const sliceOut = el('output', { for: 'slice', id: 'slice-out' });
    const ww = el('input', { id: 'ww', type: 'range', min: '1', max: '2', step: '1' });
    const wc = el('input', { id: 'wc', type: 'range', min: '0', max: '1', step: '1' });
    const wwOut = el('output', { for: 'ww' });
    const wcOut = el('output', { for: 'wc' });
    const reset = el('button', { type: 'button', id: 'reset' });
    const fullscreen = el('button', { type: 'button', id: 'fullscreen' });
    const labels = {
      slice: el('label', { for: 'slice' }),
      ww: el('label', { for: 'ww' }),
      wc: el('label', { for: 'wc' }),
    };
    const group = (...nodes: Node[]) => {
      const g = el('div', { class: 'control' });
      g.append(...nodes);
      return g;
    };
    controls.append(group(labels.slice, slice, sliceOut), group(labels.ww, ww, wwOut), group(labels.wc, wc, wcOut), group(reset, fullscreen));
    const keys = el('p', { id: 'keys', class: 'hint' });
    main.append(heading, details, stage, controls, keys);
    this.root.replaceChildren(main);
    return { main, heading, details, stage, canvas, status, alert, controls, slice, sliceOut, ww, wc, wwOut, wcOut, reset, fullscreen, labels, keys };
  }

  private renderStatic(): void {
    const { ui, t } = this;
    ui.labels.slice.textContent = t.slice;
    ui.labels.ww.textContent = t.window;
    ui.labels.wc.textContent = t.level;
    ui.reset.textContent = t.reset;
    ui.fullscreen.textContent = document.fullscreenElement ? t.exitFullscreen : t.fullscreen;
    ui.fullscreen.hidden = !document.fullscreenEnabled;
    ui.keys.textContent = t.keys;
    if (!this.study) this.setHeading(t.documentTitle);
  }

  /** The heading's text; a patient's name is also its title, whole where a long one is cut short. */
  private setHeading(text: string, titled = false): void {
    this.ui.heading.textContent = text;
    if (titled) this.ui.heading.title = text;
    else this.ui.heading.removeAttribute('title');
  }

  private renderDetails(imageCount: number): void {
    const { ui, t, study } = this;
    const rows: [string, string][] = [];
    if (study) {
      this.setHeading(formatPersonName(study.reportMetadata.patientName) || t.noName, true);
      rows.push([t.description, study.studyDescription]);
      const date = formatCalendarDate(study.reportMetadata.scanDate, this.locale);
      if (date) rows.push([t.scanDate, date]);
    } else {
      this.setHeading(t.documentTitle);
    }
    rows.push([t.images, String(imageCount)]);
    ui.details.replaceChildren(
      ...rows.map(([k, v]) => {
        const row = el('div');
        row.append(el('dt', {}, k), el('dd', { title: v }, v));
        return row;
      }),
    );
  }

  private setState(state: ViewState, message = ''): void {
    this.state = state;
    this.message = message;
    if (state !== 'error') this.errorCode = undefined;
    const { ui, t } = this;
    ui.main.dataset.state = state;
    if (state === 'error') ui.main.dataset.error = this.errorCode ?? '';
    else delete ui.main.dataset.error;
    const text = state === 'waiting' ? t.waiting : state === 'unframed' ? t.notFramed : message;
    ui.status.textContent = state === 'error' ? '' : text;
    ui.alert.textContent = state === 'error' ? text : '';
    ui.status.hidden = !ui.status.textContent;
    ui.alert.hidden = !ui.alert.textContent;
    const showImage = state === 'ready';
    ui.canvas.hidden = !showImage;
    ui.controls.hidden = !showImage;
    ui.keys.hidden = !showImage;
    ui.details.hidden = state !== 'ready' && state !== 'empty';
    if (state === 'waiting' || state === 'unframed' || state === 'error') {
      this.setHeading(t.documentTitle);
      ui.details.replaceChildren();
    }
    this.renderStatic();
    if (!showImage) delete ui.canvas.dataset.drawnSlice;
  }

  private bind(): void {
    const { ui } = this;
    ui.slice.addEventListener('input', () => this.goTo(Number(ui.slice.value) - 1));
    ui.ww.addEventListener('input', () => this.setWindow({ width: Number(ui.ww.value), center: this.currentWindow().center }));
    ui.wc.addEventListener('input', () => this.setWindow({ width: this.currentWindow().width, center: Number(ui.wc.value) }));
    ui.reset.addEventListener('click', () => this.setWindow(null));
    ui.fullscreen.addEventListener('click', () => {
      if (document.fullscreenElement) void document.exitFullscreen();
      else void document.documentElement.requestFullscreen().catch(() => {});
    });
    document.addEventListener('fullscreenchange', () => {
      this.renderStatic();
      this.queueDraw();
    });
    ui.canvas.addEventListener(
      'wheel',
      (e) => {
        if (this.state !== 'ready' || e.deltaY === 0) return;
        e.preventDefault();
        this.goTo(this.index + Math.sign(e.deltaY));
      },
      { passive: false },
    );
    let drag: { x: number; y: number; wl: WindowLevel; id: number } | undefined;
    ui.canvas.addEventListener('pointerdown', (e) => {
      if (this.state !== 'ready' || e.button !== 0) return;
      ui.canvas.focus();
      ui.canvas.setPointerCapture(e.pointerId);
      drag = { x: e.clientX, y: e.clientY, wl: this.currentWindow(), id: e.pointerId };
    });
    ui.canvas.addEventListener('pointermove', (e) => {
      if (!drag || e.pointerId !== drag.id) return;
      const k = this.sensitivity();
      // Right: a wider window (less contrast); down: a higher level (darker), as in most viewers.
      this.setWindow({ width: Math.max(1, drag.wl.width + (e.clientX - drag.x) * k), center: drag.wl.center + (e.clientY - drag.y) * k });
    });
    const end = (e: PointerEvent) => {
      if (drag && e.pointerId === drag.id) drag = undefined;
    };
    ui.canvas.addEventListener('pointerup', end);
    ui.canvas.addEventListener('pointercancel', end);
    document.addEventListener('keydown', (e) => this.onKey(e));
    new ResizeObserver(() => this.queueDraw()).observe(ui.stage);
  }

  private onKey(e: KeyboardEvent): void {
    if (this.state !== 'ready' || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target as HTMLElement | null;
    if (target && target !== this.ui.canvas && target.closest('input, button, select, textarea')) return;
    const step = this.sensitivity() * 8;
    const wl = this.currentWindow();
    const actions: Record<string, () => void> = {
      ArrowUp: () => this.goTo(this.index - 1),
      ArrowDown: () => this.goTo(this.index + 1),
      PageUp: () => this.goTo(this.index - 10),
      PageDown: () => this.goTo(this.index + 10),
      Home: () => this.goTo(0),
      End: () => this.goTo(this.slices.length - 1),
      ArrowLeft: () =>
        this.setWindow(e.shiftKey ? { width: wl.width, center: wl.center - step } : { width: Math.max(1, wl.width - step), center: wl.center }),
      ArrowRight: () =>
        this.setWindow(e.shiftKey ? { width: wl.width, center: wl.center + step } : { width: wl.width + step, center: wl.center }),
      r: () => this.setWindow(null),
      R: () => this.setWindow(null),
    };
    const action = actions[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  }

  /** Value units per pixel of drag: the series' value span over 300 px. */
  private sensitivity(): number {
    const slice = this.slices[this.index];
    const r = slice && this.ranges.get(slice.series);
    return r ? Math.max(0.05, (r.max - r.min) / 300) : 1;
  }

  private currentWindow(): WindowLevel {
    const slice = this.slices[this.index];
    if (this.wl) return this.wl;
    return slice ? defaultWindow(slice, this.ranges.get(slice.series)!) : { width: 1, center: 0 };
  }

  private goTo(index: number): void {
    const next = Math.max(0, Math.min(this.slices.length - 1, index));
    if (next === this.index) return;
    this.index = next;
    this.queueDraw();
  }

  private setWindow(wl: WindowLevel | null): void {
    this.wl = wl && { width: Math.max(1, wl.width), center: wl.center };
    this.queueDraw();
  }

  private queueDraw(): void {
    if (this.drawQueued) return;
    this.drawQueued = true;
    requestAnimationFrame(() => {
      this.drawQueued = false;
      this.draw();
    });
  }

  private draw(): void {
    const { ui, t } = this;
    const slice = this.slices[this.index];
    if (this.state !== 'ready' || !slice) return;
    const wl = this.currentWindow();
    this.imageData = toRgba(slice, wl, this.imageData);
    this.offscreen.width = slice.width;
    this.offscreen.height = slice.height;
    this.offscreen.getContext('2d')!.putImageData(this.imageData, 0, 0);

    const canvas = ui.canvas;
    const dpr = window.devicePixelRatio || 1;
    const box = ui.stage.getBoundingClientRect();
    canvas.width = Math.max(1, Math.round(box.width * dpr));
    canvas.height = Math.max(1, Math.round(box.height * dpr));
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    const at = fit(slice.width, slice.height, canvas.width, canvas.height);
    ctx.drawImage(this.offscreen, at.x, at.y, at.w, at.h);

    const n = this.slices.length;
    const w = Math.round(wl.width);
    const c = Math.round(wl.center);
    canvas.setAttribute('aria-label', t.imageLabel(this.index + 1, n, w, c));
    canvas.dataset.drawnSlice = String(this.index);
    ui.slice.max = String(n);
    ui.slice.value = String(this.index + 1);
    ui.slice.disabled = n < 2;
    ui.sliceOut.textContent = t.sliceOf(this.index + 1, n);
    ui.slice.setAttribute('aria-valuetext', t.sliceOf(this.index + 1, n));
    const r = this.ranges.get(slice.series)!;
    const span = Math.max(1, r.max - r.min);
    ui.ww.min = '1';
    ui.ww.max = String(Math.ceil(Math.max(span * 2, wl.width)));
    ui.wc.min = String(Math.floor(Math.min(r.min - span / 2, wl.center)));
    ui.wc.max = String(Math.ceil(Math.max(r.max + span / 2, wl.center)));
    ui.ww.value = String(w);
    ui.wc.value = String(c);
    ui.wwOut.textContent = String(w);
    ui.wcOut.textContent = String(c);
  }
}

/** Slices in reading order: series in upload order, then instance number (missing last), upload order, frame. */
function order(decoded: (Slice[] | undefined)[]): Slice[] {
  const seriesOrder = new Map<string, number>();
  const rows: { s: Slice; upload: number }[] = [];
  decoded.forEach((slices, upload) => {
    for (const s of slices ?? []) {
      if (!seriesOrder.has(s.series)) seriesOrder.set(s.series, seriesOrder.size);
      rows.push({ s, upload });
    }
  });
  const num = (s: Slice) => (s.instanceNumber === null ? Number.POSITIVE_INFINITY : s.instanceNumber);
  rows.sort(
    (a, b) =>
      seriesOrder.get(a.s.series)! - seriesOrder.get(b.s.series)! ||
      num(a.s) - num(b.s) ||
      a.upload - b.upload ||
      a.s.frame - b.s.frame,
  );
  return rows.map((r) => r.s);
}

/** Runs `work` over `items` with at most `limit` at once; the first failure rejects. */
async function inPool<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
