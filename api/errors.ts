/** Errors are values: a status, a type, a stable code, a message and, for one bad field, its name. */
export type ErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'conflict_error'
  | 'rate_limit_error'
  | 'api_error';

export interface ErrorBody {
  error: { type: ErrorType; code: string; message: string; param?: string };
}

export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 429 | 500,
    readonly type: ErrorType,
    readonly code: string,
    message: string,
    readonly param?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ErrorBody {
    const error: ErrorBody['error'] = { type: this.type, code: this.code, message: this.message };
    if (this.param !== undefined) error.param = this.param;
    return { error };
  }
}

export const invalid = (code: string, message: string, param?: string) =>
  new ApiError(400, 'invalid_request_error', code, message, param);
export const unauthenticated = (code: string, message: string) =>
  new ApiError(401, 'authentication_error', code, message);
export const forbidden = (code: string, message: string) =>
  new ApiError(403, 'permission_error', code, message);
export const notFound = (what: string, param?: string, id?: string) =>
  new ApiError(404, 'not_found_error', 'resource_missing', id ? `No such ${what}: '${id}'.` : `No such ${what}.`, param);
export const conflict = (code: string, message: string, param?: string) =>
  new ApiError(409, 'conflict_error', code, message, param);
