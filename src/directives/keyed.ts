import { noChange } from 'lit';
import { Directive, directive, type ChildPart } from 'lit/directive.js';
import { insertPart, removePart, setChildPartValue, setCommittedValue } from 'lit/directive-helpers.js';

type Key<T> = (item: T) => string;
type Render<T> = (item: T) => unknown;
type Deps<T> = (item: T) => unknown[];

/**
 * `keyedParts(items, key, render)`: one child part per key, kept in DOM order with few moves for
 * a window that slides. An item that stays keeps its DOM (and its focus), items that leave are
 * removed with both their markers, new ones are inserted where they belong; a new key is always
 * new DOM. With `deps`, an item that stays renders again only when one of its deps changed (as
 * `guard` would). It serves the study list's virtualized rows (keyed by study id) and the viewer frame's
 * iframe (keyed by load, so Retry is a fresh element): what `repeat` and `keyed` do for these two
 * uses, in a fraction of their size, and without `repeat`'s leak in lit-html 3.3 (lit/lit#5298:
 * a removed item's end marker stays, so a scrolled list gained one node per row it passed).
 */
class KeyedParts<T> extends Directive {
  /** The committed parts by key, in DOM order. */
  #parts = new Map<string, ChildPart>();
  /** What each part last rendered from. */
  #deps = new WeakMap<ChildPart, unknown[]>();

  render(items: T[], _key: Key<T>, render: Render<T>, _deps?: Deps<T>): unknown {
    return items.map(render);
  }

  override update(container: ChildPart, [items, key, render, deps]: [T[], Key<T>, Render<T>, Deps<T>?]): unknown {
    const old = this.#parts;
    const order = [...old.values()];
    const keys = items.map(key);
    const kept = new Set<ChildPart | undefined>(keys.map((k) => old.get(k)));
    const placed = new Set<ChildPart>();
    const next = new Map<string, ChildPart>();
    let j = 0;
    keys.forEach((k, n) => {
      // The next old part still in its place: parts that go, and parts already moved, are passed.
      while (order[j] && (!kept.has(order[j]) || placed.has(order[j]!))) j++;
      const item = items[n]!;
      let part = old.get(k);
      const before = part && this.#deps.get(part);
      if (part && part === order[j]) j++;
      else part = insertPart(container, order[j], part);
      placed.add(part);
      next.set(k, part);
      const now = deps?.(item);
      if (now && before?.length === now.length && now.every((d, i) => d === before[i])) return;
      if (now) this.#deps.set(part, now);
      setChildPartValue(part, render(item));
    });
    for (const part of order) {
      if (kept.has(part)) continue;
      const end = part.endNode as ChildNode | null;
      removePart(part);
      end?.remove();
    }
    this.#parts = next;
    // The container holds these parts now: when it is given another value (`nothing`, say), lit
    // clears them away instead of taking the container for empty already.
    setCommittedValue(container, [...next.values()]);
    return noChange;
  }
}

export const keyedParts = directive(KeyedParts) as <T>(
  items: T[],
  key: Key<T>,
  render: Render<T>,
  deps?: Deps<T>,
) => ReturnType<ReturnType<typeof directive>>;
