import { ContextRoot } from '@lit/context';

const ROOT = Symbol.for('avara.context-root.v1');

/**
 * Registers a tag once. Loading the script twice (or two copies of the library) is not an error:
 * the first registration wins, and a different class under the same tag only warns. The first
 * define also attaches a ContextRoot, so an element defined before its provider still finds it.
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  const registry = globalThis.customElements;
  if (!registry) return;
  const g = globalThis as unknown as Record<symbol, unknown>;
  if (!g[ROOT] && globalThis.document) {
    g[ROOT] = true;
    new ContextRoot().attach(document.documentElement);
  }
  const existing = registry.get(tag);
  if (existing) {
    if (existing !== ctor) console.warn(`<${tag}> is already registered by another copy of Avara Elements; keeping the first.`);
    return;
  }
  registry.define(tag, ctor);
}
