import { nothing, noChange, type ElementPart } from 'lit';
import { Directive, directive } from 'lit/directive.js';

/**
 * Sets CSS custom properties on an element through its CSSOM `style`, only when they change.
 * Unlike a `style` attribute (or `styleMap`'s first render, which writes one), this is allowed
 * under a Content-Security-Policy without `style-src 'unsafe-inline'`, as partner pages often have.
 * It belongs on an element: `<div ${cssVars({ '--i': 3 })}>`.
 */
class CssVarsDirective extends Directive {
  private previous: Record<string, string> = {};

  render(_vars: Record<string, string | number>) {
    return nothing;
  }

  override update(part: ElementPart, [vars]: [Record<string, string | number>]) {
    const style = (part.element as HTMLElement).style;
    for (const name in vars) {
      const value = String(vars[name]);
      if (this.previous[name] !== value) {
        style.setProperty(name, value);
        this.previous[name] = value;
      }
    }
    return noChange;
  }
}

export const cssVars = directive(CssVarsDirective);
