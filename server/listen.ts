import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';

/** What Node's HTTP parser refuses before the app sees the request, as the API's JSON errors. */
const PARSER_ERRORS: Record<string, [status: number, reason: string, code: string, message: string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'headers_too_large', 'The request headers are too large (the limit is 16 KiB in all).'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'request_timeout', 'The request was not received in time.'],
};
const INVALID_URL = 'The URL is not valid. A URL must be ASCII: percent-encode other characters (encodeURIComponent).';

/** Node's own reason: "Invalid header value char", "Transfer-Encoding can't be present with Content-Length". */
const nodeReason = (message = '') => message.replace(/^Parse Error:\s*/, '').replace(/\.?$/, '.');

/** The raw HTTP response for a request the parser refused, in the API's error shape. */
export function parserErrorResponse(error: { code?: string; message?: string }): string {
  const [status, reason, errorCode, message] = (error.code && PARSER_ERRORS[error.code]) || [
    400,
    'Bad Request',
    'malformed_request',
    error.code === 'HPE_INVALID_URL' ? INVALID_URL : `The HTTP request could not be parsed: ${nodeReason(error.message)}`,
  ];
  const body = JSON.stringify({ error: { type: 'invalid_request_error', code: errorCode, message } });
  return (
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}

/**
 * Serves `fetch` on `hostname:port` like `@hono/node-server`'s `serve`, and answers requests that
 * Node's parser refuses (a raw non-ASCII byte in the URL, oversized headers) with the API's JSON
 * error instead of a bare status line, so a client always gets `type`, `code` and `message`.
 */
export function listen(
  options: { fetch: (request: Request) => Response | Promise<Response>; port: number; hostname: string },
  onListening: (info: AddressInfo) => void,
): ServerType {
  const server = serve(options, onListening);
  (server as Server).on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // As Node's own handler: nothing to answer on a reset or closed connection.
    if (error.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
    socket.end(parserErrorResponse(error));
  });
  return server;
}
