/** Identifiers of DESIGN.md: a prefix and 32 lowercase hex characters. */
export type IdPrefix = 'acct' | 'cus' | 'usr' | 'std' | 'ins';

const HEX32 = /^[0-9a-f]{32}$/;

export function randomHex(bytes: number): string {
  const buf = new Uint8Array(bytes);
  crypto.getRandomValues(buf);
  return Array.from(buf, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const newId = (prefix: IdPrefix): string => `${prefix}_${randomHex(16)}`;

export function isId(prefix: IdPrefix, value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length === prefix.length + 33 &&
    value.startsWith(`${prefix}_`) &&
    HEX32.test(value.slice(prefix.length + 1))
  );
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
