/**
 * The message protocol between `<avara-viewer-frame>` (the host page) and the viewer page in its
 * iframe. Version 1. docs/viewer-protocol.md explains it; this module is the one definition both
 * sides import.
 *
 * Every message is a plain object with a `type` (prefixed `avara:`) and `version: 1`. Both sides
 * post only to the other's exact origin (never "*") and accept a message only when
 * `event.source` is the other window and `event.origin` is the expected origin.
 */
export const VIEWER_PROTOCOL_VERSION = 1;

// Viewer → host

/** The viewer has loaded and listens. The host answers with `avara:init`. */
export interface ViewerReadyMessage {
  type: 'avara:viewer-ready';
  version: 1;
}

/** The viewer got a 401: it asks for a fresh token (the host answers with `avara:token` if it can refresh). */
export interface ViewerTokenRequestMessage {
  type: 'avara:token-request';
  version: 1;
}

/** A study was loaded and drawn (`imageCount` may be 0: a study without images). */
export interface ViewerStudyLoadedMessage {
  type: 'avara:study-loaded';
  version: 1;
  studyId: string;
  imageCount: number;
}

export type ViewerErrorCode =
  | 'token_refused'
  | 'permission_denied'
  | 'study_not_found'
  | 'api_unreachable'
  | 'api_origin_not_allowed'
  | 'invalid_message'
  | 'decode_failed'
  | 'api_error';

/** Something went wrong inside the viewer; it also shows its own message. */
export interface ViewerErrorMessage {
  type: 'avara:viewer-error';
  version: 1;
  code: ViewerErrorCode;
  message: string;
  studyId?: string;
}

export type ViewerToHostMessage = ViewerReadyMessage | ViewerTokenRequestMessage | ViewerStudyLoadedMessage | ViewerErrorMessage;

// Host → viewer

/** The answer to `avara:viewer-ready`: everything the viewer needs. The token travels only here and in `avara:token`. */
export interface HostInitMessage {
  type: 'avara:init';
  version: 1;
  token: string;
  studyId: string;
  /** Absolute base URL of the Avara API, ending in "/". */
  apiBase: string;
  /** BCP 47 locale for the viewer's text, dates and names. */
  locale: string;
}

/** A new widget token (after a refresh). */
export interface HostTokenMessage {
  type: 'avara:token';
  version: 1;
  token: string;
}

/** Show another study (the provider's selection changed). */
export interface HostStudyMessage {
  type: 'avara:study';
  version: 1;
  studyId: string;
}

export type HostToViewerMessage = HostInitMessage | HostTokenMessage | HostStudyMessage;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max = 8192): v is string => typeof v === 'string' && v.length <= max;

/** Reads a message from the viewer; anything else (other types, other versions, bad fields) is undefined. */
export function parseViewerMessage(data: unknown): ViewerToHostMessage | undefined {
  if (!isRecord(data) || data.version !== VIEWER_PROTOCOL_VERSION) return undefined;
  switch (data.type) {
    case 'avara:viewer-ready':
      return { type: data.type, version: 1 };
    case 'avara:token-request':
      return { type: data.type, version: 1 };
    case 'avara:study-loaded':
      if (!str(data.studyId, 100) || typeof data.imageCount !== 'number' || !Number.isInteger(data.imageCount) || data.imageCount < 0) return undefined;
      return { type: data.type, version: 1, studyId: data.studyId, imageCount: data.imageCount };
    case 'avara:viewer-error':
      if (!str(data.code, 100) || !str(data.message, 2000)) return undefined;
      return {
        type: data.type,
        version: 1,
        code: data.code as ViewerErrorCode,
        message: data.message,
        ...(str(data.studyId, 100) ? { studyId: data.studyId } : {}),
      };
    default:
      return undefined;
  }
}

/** Reads a message from the host; anything else is undefined. */
export function parseHostMessage(data: unknown): HostToViewerMessage | undefined {
  if (!isRecord(data) || data.version !== VIEWER_PROTOCOL_VERSION) return undefined;
  switch (data.type) {
    case 'avara:init':
      if (!str(data.token) || !str(data.studyId, 100) || !str(data.apiBase, 2000) || !str(data.locale, 100)) return undefined;
      return { type: data.type, version: 1, token: data.token, studyId: data.studyId, apiBase: data.apiBase, locale: data.locale };
    case 'avara:token':
      if (!str(data.token)) return undefined;
      return { type: data.type, version: 1, token: data.token };
    case 'avara:study':
      if (!str(data.studyId, 100)) return undefined;
      return { type: data.type, version: 1, studyId: data.studyId };
    default:
      return undefined;
  }
}

/**
 * The origin a viewer URL's page will have, or undefined when it has no usable one (a data:,
 * blob:, about: or javascript: URL, or nonsense). Only http and https viewers are supported:
 * they are the only ones whose origin can be named exactly as a postMessage target.
 */
export function viewerOriginOf(viewerUrl: string, base: string): string | undefined {
  try {
    const url = new URL(viewerUrl, base);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}
