/** Every Avara event: a `CustomEvent` that bubbles and crosses shadow roots. */
export class AvaraEvent<T> extends CustomEvent<T> {
  constructor(type: string, detail: T) {
    super(type, { detail, bubbles: true, composed: true });
  }
}
