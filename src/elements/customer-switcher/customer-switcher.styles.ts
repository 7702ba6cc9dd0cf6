import { css } from 'lit';

/** Logical properties only (inline/block), so right-to-left pages get a mirrored picker. */
export const styles = css`
  :host {
    --_width: var(--avara-customer-switcher-width, 16rem);
    --_popup-max-height: var(--avara-customer-switcher-popup-max-height, 18rem);
    --_pad-block: calc(var(--_space) * 0.5 * var(--_density));
    --_pad-inline: var(--_space);
    display: inline-flex;
    align-items: center;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.75);
    line-height: 1.3;
  }

  .label {
    color: var(--_color-text-muted);
    font-size: 0.929em;
  }

  .anchor {
    position: relative;
    display: inline-block;
  }

  .control {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
    box-sizing: border-box;
    inline-size: var(--_width);
    max-inline-size: 100%;
    min-block-size: calc(2.25em * var(--_density));
    padding-block: var(--_pad-block);
    padding-inline: var(--_pad-inline);
    background: var(--_color-background);
    color: var(--_color-text);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    cursor: pointer;
    user-select: none;
  }
  .control.search {
    padding: 0;
    cursor: text;
  }
  .control.search:focus-within {
    outline: 2px solid var(--_focus-ring);
    outline-offset: 2px;
  }

  .text {
    flex: 1 1 auto;
    min-inline-size: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    text-align: start;
  }

  input {
    flex: 1 1 auto;
    min-inline-size: 0;
    box-sizing: border-box;
    block-size: 100%;
    min-block-size: calc(2.25em * var(--_density) - 2px);
    margin: 0;
    padding-block: 0;
    padding-inline: var(--_pad-inline) 0;
    border: 0;
    background: transparent;
    color: inherit;
    font: inherit;
    text-align: start;
    text-overflow: ellipsis;
  }
  input::placeholder {
    color: var(--_color-text-muted);
    opacity: 1;
  }
  input:focus-visible {
    outline: none; /* the frame shows focus */
  }

  .control.search button {
    align-self: stretch;
    display: flex;
    align-items: center;
    margin: 0;
    padding-block: 0;
    padding-inline: calc(var(--_space) * 0.75);
    border: 0;
    border-start-end-radius: var(--_radius);
    border-end-end-radius: var(--_radius);
    background: transparent;
    color: var(--_color-text);
    cursor: pointer;
    font: inherit;
  }

  .chevron {
    flex: none;
    inline-size: 0.5em;
    block-size: 0.5em;
    margin-inline-start: auto;
    /* Physical sides: a down arrow is the same in both directions (inline-end would point it left in RTL). */
    border-right: 2px solid currentColor;
    border-bottom: 2px solid currentColor;
    transform: translateY(-25%) rotate(45deg);
  }

  .value {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
    font-weight: 600;
  }

  .muted {
    color: var(--_color-text-muted);
    font-weight: normal;
  }

  .badge {
    flex: none;
    padding-block: 0;
    padding-inline: calc(var(--_space) * 0.5);
    border: 1px solid var(--_color-warning);
    border-radius: var(--_radius);
    color: var(--_color-warning);
    font-size: 0.786em;
    font-weight: 600;
    line-height: 1.5;
  }

  /* The popup: in the top layer (popover) when the browser has it, positioned by script. */
  .popup {
    position: absolute;
    inset-block-start: calc(100% + 4px);
    inset-inline-start: 0;
    z-index: 1000;
    box-sizing: border-box;
    margin: 0;
    padding: 0;
    max-inline-size: min(28rem, calc(100vw - 8px));
    background: var(--_color-background);
    color: var(--_color-text);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.18);
    font-family: var(--_font-family);
    font-size: var(--_font-size);
    overflow: hidden;
  }
  .popup[popover] {
    position: fixed;
    inset: auto;
  }

  [role='listbox'] {
    max-block-size: var(--_popup-max-height);
    overflow-y: auto;
    overscroll-behavior: contain;
    padding-block: calc(var(--_space) * 0.5);
  }

  .option {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
    padding-block: var(--_pad-block);
    padding-inline: calc(var(--_space) * 0.5) var(--_pad-inline);
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  .option:hover,
  .option.active {
    background: var(--_color-selection);
  }
  .option.active {
    outline: 2px solid var(--_focus-ring);
    outline-offset: -2px;
  }
  .option[aria-selected='true'] .name {
    font-weight: 600;
  }
  .option.disabled {
    cursor: default;
    color: var(--_color-text-muted);
    background: none;
    outline: none;
  }
  .check {
    flex: none;
    inline-size: 1.1em;
    text-align: center;
    color: var(--_color-primary);
  }
  .name {
    flex: 1 1 auto;
  }

  .popup-status {
    padding-block: var(--_pad-block);
    padding-inline: var(--_pad-inline);
    border-block-start: 1px solid var(--_color-border);
    color: var(--_color-text-muted);
    font-size: 0.857em;
  }

  .status {
    color: var(--_color-text-muted);
  }
  .status.error {
    color: var(--_color-danger);
  }
  .retry {
    font: inherit;
    min-block-size: calc(2.25em * var(--_density));
    padding-block: 0;
    padding-inline: var(--_pad-inline);
    border: 1px solid var(--_color-primary);
    border-radius: var(--_radius);
    background: var(--_color-primary);
    color: var(--_color-on-primary);
    cursor: pointer;
  }
`;
