import { css, unsafeCSS } from 'lit';
import { PRESETS, presetDeclarations } from '../../theme/tokens.js';

/**
 * Presets are declared on the provider only when `theme-preset` is set, so that without it the
 * tokens a page sets on any ancestor reach the elements unchanged.
 */
export const styles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  :host([theme-preset='light']),
  :host([theme-preset='auto']) {
    ${unsafeCSS(presetDeclarations('light'))}
  }
  :host([theme-preset='dark']) {
    ${unsafeCSS(presetDeclarations('dark'))}
  }
  :host([theme-preset='high-contrast']) {
    ${unsafeCSS(presetDeclarations('high-contrast'))}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme-preset='auto']) {
      ${unsafeCSS(presetDeclarations('dark'))}
    }
  }
  .branding {
    margin: 0;
    padding-block: calc(var(--avara-space, ${unsafeCSS(PRESETS.light.space)}) / 2);
    padding-inline: var(--avara-space, ${unsafeCSS(PRESETS.light.space)});
    text-align: end;
    font-family: var(--avara-font-family, ${unsafeCSS(PRESETS.light.fontFamily)});
    font-size: 0.75rem;
    line-height: 1.4;
    color: var(--avara-color-text-muted, ${unsafeCSS(PRESETS.light.colorTextMuted)});
  }
`;
