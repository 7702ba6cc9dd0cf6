/**
 * Registers a tag once. Loading the script twice (or two copies of the library) is not an error:
 * the first registration wins, and a different class under the same tag only warns.
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  const registry = globalThis.customElements;
  if (!registry) return;
  const existing = registry.get(tag);
  if (existing) {
    if (existing !== ctor) console.warn(`<${tag}> is already registered by another copy of Avara Elements; keeping the first.`);
    return;
  }
  registry.define(tag, ctor);
}
