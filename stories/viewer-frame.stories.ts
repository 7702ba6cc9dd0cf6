import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { AvaraLoaded, AvaraStoryParameters } from './support/story-world.js';

const avara = (p: AvaraStoryParameters) => ({ avara: p });

/**
 * The viewer stand-in (stories/static/viewer-stand-in.html) speaks the viewer protocol and reads
 * the study from the story's API with the token it is handed; `#mode=silent` never says it is ready.
 */
const STAND_IN = 'stories/static/viewer-stand-in.html';
const frame = (studyId: string, o: { mode?: string; readyTimeout?: number } = {}) =>
  html`<avara-viewer-frame
    viewer-url="${STAND_IN}#mode=${o.mode ?? 'ready'}"
    study-id=${studyId}
    ready-timeout=${o.readyTimeout ?? 15000}
    style="--avara-viewer-frame-height: 360px"
  ></avara-viewer-frame>`;
const studies = (loaded: Record<string, unknown>) => (loaded.avara as AvaraLoaded).studyIds;

const meta: Meta = {
  title: 'Elements/Viewer frame',
  component: 'avara-viewer-frame',
  render: (_args, { loaded }) => frame(studies(loaded).visible),
  parameters: avara({ world: 'demo', user: 'ben', settled: ':state(ready)' }),
};
export default meta;
type Story = StoryObj;

/** No study selected yet (inside a provider, the frame follows the provider's selected study). */
export const NoStudy: Story = {
  parameters: avara({ settled: ':state(idle)' }),
  render: () => html`<avara-viewer-frame viewer-url=${STAND_IN} style="--avara-viewer-frame-height: 240px"></avara-viewer-frame>`,
};

/** Waiting for the viewer to say it is ready. */
export const Loading: Story = {
  parameters: avara({ settled: ':state(loading)' }),
  render: (_args, { loaded }) => frame(studies(loaded).visible, { mode: 'silent', readyTimeout: 3_600_000 }),
};

/** The viewer said it was ready, got the token by postMessage and read Ben's newest study from the API. */
export const Ready: Story = {};

/** A study of a customer Ben does not belong to: the API answers 404 and the viewer shows its refusal. */
export const StudyRefused: Story = {
  parameters: avara({ settled: ':state(error)' }),
  render: (_args, { loaded }) => frame(studies(loaded).hidden),
};

/** The viewer never answered within `ready-timeout`: an error with a retry button. */
export const ViewerTimeout: Story = {
  parameters: avara({ settled: '[role="alert"]' }),
  render: (_args, { loaded }) => frame(studies(loaded).visible, { mode: 'silent', readyTimeout: 1000 }),
};

/** The host's fetchToken fails: the viewer gets no token, and the frame says so with a retry button. */
export const TokenUnavailable: Story = {
  parameters: avara({ failure: 'auth', settled: '[role="alert"]' }),
};
