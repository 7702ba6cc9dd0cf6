/** An error answered by the Avara API (or the network), as the elements see it. */
export class AvaraApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly code: string,
    message: string,
    readonly param?: string,
  ) {
    super(message);
    this.name = 'AvaraApiError';
  }

  /** True when the credential was missing, expired or refused: show sign-in trouble, not "no studies". */
  get isAuthError(): boolean {
    return this.status === 401;
  }
}
