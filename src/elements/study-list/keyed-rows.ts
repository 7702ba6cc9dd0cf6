import { noChange } from 'lit';
import { Directive, directive, type ChildPart } from 'lit/directive.js';
import { insertPart, removePart, setChildPartValue } from 'lit/directive-helpers.js';

type Key = (item: number) => string;
type Row = (item: number) => unknown;

/**
 * The rows of the virtualized body, one child part per study id, kept in DOM order with the
 * fewest moves for a window that slides: a row that stays in view keeps its element (and its
 * focus), rows that leave are removed with both their markers, rows that come in are inserted
 * where they belong. What `repeat` does for this one shape of change, in a fraction of its size,
 * and without `repeat`'s leak in lit-html 3.3 (lit/lit#5298: a removed item's end marker stays,
 * so a scrolled list gained one node per row it passed).
 */
class KeyedRows extends Directive {
  /** The committed parts by key, in DOM order. */
  #parts = new Map<string, ChildPart>();

  render(items: number[], _key: Key, row: Row): unknown {
    return items.map(row);
  }

  override update(container: ChildPart, [items, key, row]: [number[], Key, Row]): unknown {
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
      let part = old.get(k);
      if (part && part === order[j]) j++;
      else part = insertPart(container, order[j], part);
      placed.add(part);
      next.set(k, part);
      setChildPartValue(part, row(items[n]!));
    });
    for (const part of order) {
      if (kept.has(part)) continue;
      const end = part.endNode as ChildNode | null;
      removePart(part);
      end?.remove();
    }
    this.#parts = next;
    return noChange;
  }
}

export const keyedRows = directive(KeyedRows);
