/**
 * Sets an element's custom states (`:state(loading)`…) to `states`. Engines without
 * CustomStateSet, or that accept only `--name` states, get none: the states are for host CSS and
 * tests, and everything they show is also in the element's own rendering.
 */
export function setStates(internals: ElementInternals | undefined, states: Record<string, boolean>): void {
  for (const [name, on] of Object.entries(states)) {
    try {
      if (on) internals?.states.add(name);
      else internals?.states.delete(name);
    } catch {
      // as above
    }
  }
}
