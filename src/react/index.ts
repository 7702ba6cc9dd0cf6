/**
 * `@avara/elements/react`: React components for the four elements, made with `@lit/react`.
 *
 * ```tsx
 * import { AvaraProvider, AvaraStudyList } from '@avara/elements/react';
 *
 * <AvaraProvider apiBase="https://api.avara.example/" fetchToken={fetchToken}>
 *   <AvaraStudyList selectable onAvaraStudySelect={(e) => open(e.detail.study.studyId)} />
 * </AvaraProvider>
 * ```
 *
 * Every element property is a prop (set as a property, so objects and functions such as
 * `fetchToken` and `theme` arrive intact); every `avara-*` event the element fires is an
 * `onAvara…` prop with the event's own type. Importing this module registers the elements.
 *
 * React 19 also renders the tags themselves (`<avara-study-list>`); `AvaraIntrinsicElements`
 * types them for JSX (docs/embedding.md).
 */
import * as React from 'react';
import { createComponent, type EventName, type WebComponentProps } from '@lit/react';
import { AvaraProvider as AvaraProviderElement } from '../define/provider.js';
import { AvaraCustomerSwitcher as AvaraCustomerSwitcherElement } from '../define/customer-switcher.js';
import { AvaraStudyList as AvaraStudyListElement } from '../define/study-list.js';
import { AvaraViewerFrame as AvaraViewerFrameElement } from '../define/viewer-frame.js';
import type { AvaraAuthErrorEvent } from '../events/auth-error.js';
import type { AvaraCustomerChangeEvent } from '../events/customer-change.js';
import type { AvaraErrorEvent } from '../events/error.js';
import type { AvaraLoadEvent } from '../events/load.js';
import type { AvaraStudySelectEvent } from '../events/study-select.js';
import type { AvaraTokenRefreshedEvent } from '../events/token-refreshed.js';
import type { AvaraViewerErrorEvent } from '../events/viewer-error.js';
import type { AvaraViewerReadyEvent } from '../events/viewer-ready.js';

/** The token events, fired by the provider, and by an element used without one. */
const tokenEvents = {
  onAvaraTokenRefreshed: 'avara-token-refreshed' as EventName<AvaraTokenRefreshedEvent>,
  onAvaraAuthError: 'avara-auth-error' as EventName<AvaraAuthErrorEvent>,
};

/** `<avara-provider>`: one token, one API client and the selection for every element inside. */
export const AvaraProvider = createComponent({
  react: React,
  tagName: 'avara-provider',
  elementClass: AvaraProviderElement,
  displayName: 'AvaraProvider',
  events: tokenEvents,
});

/** `<avara-customer-switcher>`: picks the Express customer; `onAvaraCustomerChange`. */
export const AvaraCustomerSwitcher = createComponent({
  react: React,
  tagName: 'avara-customer-switcher',
  elementClass: AvaraCustomerSwitcherElement,
  displayName: 'AvaraCustomerSwitcher',
  events: {
    onAvaraCustomerChange: 'avara-customer-change' as EventName<AvaraCustomerChangeEvent>,
    ...tokenEvents,
  },
});

/** `<avara-study-list>`: the worklist; `onAvaraStudySelect`, `onAvaraLoad`, `onAvaraError`. */
export const AvaraStudyList = createComponent({
  react: React,
  tagName: 'avara-study-list',
  elementClass: AvaraStudyListElement,
  displayName: 'AvaraStudyList',
  events: {
    onAvaraStudySelect: 'avara-study-select' as EventName<AvaraStudySelectEvent>,
    onAvaraLoad: 'avara-load' as EventName<AvaraLoadEvent>,
    onAvaraError: 'avara-error' as EventName<AvaraErrorEvent>,
    ...tokenEvents,
  },
});

/** `<avara-viewer-frame>`: the embedded viewer; `onAvaraViewerReady`, `onAvaraViewerError`. */
export const AvaraViewerFrame = createComponent({
  react: React,
  tagName: 'avara-viewer-frame',
  elementClass: AvaraViewerFrameElement,
  displayName: 'AvaraViewerFrame',
  events: {
    onAvaraViewerReady: 'avara-viewer-ready' as EventName<AvaraViewerReadyEvent>,
    onAvaraViewerError: 'avara-viewer-error' as EventName<AvaraViewerErrorEvent>,
    ...tokenEvents,
  },
});

/** Props of one of the components above (`AvaraProps<typeof AvaraStudyList>`). */
export type AvaraProps<C extends React.ElementType> = React.ComponentProps<C>;

/** React 19 listens to `on<event-name>` props of a custom element with `addEventListener`. */
type NativeTokenEvents = {
  'onavara-token-refreshed'?: (e: AvaraTokenRefreshedEvent) => void;
  'onavara-auth-error'?: (e: AvaraAuthErrorEvent) => void;
};

/**
 * JSX types for the tags themselves, for React 19's own custom-element support. Add them to
 * React's JSX namespace in a declaration file of your app:
 *
 * ```ts
 * import type { AvaraIntrinsicElements } from '@avara/elements/react';
 * declare module 'react' {
 *   namespace JSX {
 *     interface IntrinsicElements extends AvaraIntrinsicElements {}
 *   }
 * }
 * ```
 */
export interface AvaraIntrinsicElements {
  'avara-provider': WebComponentProps<AvaraProviderElement> & NativeTokenEvents;
  'avara-customer-switcher': WebComponentProps<AvaraCustomerSwitcherElement> &
    NativeTokenEvents & { 'onavara-customer-change'?: (e: AvaraCustomerChangeEvent) => void };
  'avara-study-list': WebComponentProps<AvaraStudyListElement> &
    NativeTokenEvents & {
      'onavara-study-select'?: (e: AvaraStudySelectEvent) => void;
      'onavara-load'?: (e: AvaraLoadEvent) => void;
      'onavara-error'?: (e: AvaraErrorEvent) => void;
    };
  'avara-viewer-frame': WebComponentProps<AvaraViewerFrameElement> &
    NativeTokenEvents & {
      'onavara-viewer-ready'?: (e: AvaraViewerReadyEvent) => void;
      'onavara-viewer-error'?: (e: AvaraViewerErrorEvent) => void;
    };
}
