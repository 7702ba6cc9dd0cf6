import { css } from 'lit';

export const styles = css`
  :host {
    --_row-height: var(--avara-study-list-row-height, calc(2.5em * var(--_density)));
    --_header-background: var(--avara-study-list-header-background, var(--_color-surface));
    --_selected-background: var(--avara-study-list-selected-background, var(--_color-selection));
    --_divider: color-mix(in srgb, var(--_color-border) 45%, transparent);
    display: block;
    block-size: 32rem;
    min-block-size: 12rem;
    background: var(--_color-background);
    line-height: 1.3;
  }

  /* One box filling the host, whatever display the page gives the host. */
  .layout {
    display: flex;
    flex-direction: column;
    block-size: 100%;
  }

  /* Toolbar */
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--_space);
    padding-block-end: var(--_space);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .field.search {
    flex: 1 1 14em;
  }
  .label {
    font-size: 0.857em;
    color: var(--_color-text-muted);
  }
  input,
  select,
  button {
    font: inherit;
    color: var(--_color-text);
    background: var(--_color-background);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    min-block-size: 2.25em;
    padding-block: 0;
    padding-inline: var(--_space);
    box-sizing: border-box;
  }
  input[type='date'] {
    color-scheme: light dark;
  }
  .status button {
    background: var(--_color-primary);
    color: var(--_color-on-primary);
    border-color: var(--_color-primary);
    cursor: pointer;
  }

  /* The grid: one scroller holding a sticky header and an absolutely laid out window of rows */
  .main {
    position: relative;
    flex: 1;
    min-block-size: 0;
    display: flex;
  }
  .grid {
    position: relative;
    flex: 1;
    overflow: auto;
    overscroll-behavior: contain;
    overflow-anchor: none;
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    scroll-padding-block-start: var(--_row-height);
    outline: none;
  }
  .head,
  .body {
    min-inline-size: var(--_min);
  }
  .head {
    position: sticky;
    inset-block-start: 0;
    z-index: 1;
    background: var(--_header-background);
  }
  .row {
    display: grid;
    grid-template-columns: var(--_cols);
    align-items: center;
    block-size: var(--_row-height);
    box-sizing: border-box;
    border-block-end: 1px solid var(--_divider);
    text-align: start;
  }
  .head .row {
    border-block-end-color: var(--_color-border);
    font-weight: 600;
  }
  .body {
    position: relative;
    block-size: calc(var(--n) * var(--_row-height));
    contain: layout paint style;
  }
  .body > .row {
    position: absolute;
    inset-inline: 0;
    inset-block-start: 0;
    transform: translateY(calc(var(--i) * var(--_row-height)));
    contain: layout paint style;
    background: var(--_color-background);
    cursor: default;
  }
  .body > .row:hover,
  .body > .row:focus-within {
    background: var(--_color-surface);
  }
  .body > .row[aria-selected='true'] {
    background: var(--_selected-background);
  }
  .body > .row[aria-selected='true']::before {
    content: '';
    position: absolute;
    inset-block: 0;
    inset-inline-start: 0;
    inline-size: 3px;
    background: var(--_color-primary);
  }
  /* Each value takes its own direction from its text (a Latin name in a right-to-left page stays
     "Adams, Rev. John, B.A."), while the cell keeps the grid's alignment. */
  .cell,
  .sort-label {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .cell {
    min-inline-size: 0;
    padding-inline: calc(var(--_space) * 1.5);
    unicode-bidi: plaintext;
    text-align: left;
  }
  :host(:dir(rtl)) .cell {
    text-align: right;
  }
  .head .cell,
  [part~='cell-severity'] {
    unicode-bidi: normal;
  }
  .cell:focus-visible,
  .sort:focus-visible {
    outline: 2px solid var(--_focus-ring);
    outline-offset: -2px;
  }
  .head .cell:has(.sort) {
    padding: 0;
    align-self: stretch;
  }
  .sort {
    display: flex;
    align-items: center;
    gap: 0.4em;
    inline-size: 100%;
    block-size: 100%;
    border: 0;
    border-radius: 0;
    background: transparent;
    padding-inline: calc(var(--_space) * 1.5);
    cursor: pointer;
    text-align: start;
  }
  .arrow {
    color: var(--_color-text-muted);
    font-size: 0.8em;
  }
  [aria-sort] .arrow {
    color: var(--_color-primary);
  }
  .placeholder {
    color: var(--_color-text-muted);
    font-style: italic;
  }
  /* Severity: a dot in the severity colour (a non-text mark) and a label; "High" is also coloured and bold. */
  .sev::before {
    content: '';
    display: inline-block;
    inline-size: 0.6em;
    block-size: 0.6em;
    margin-inline-end: 0.45em;
    border-radius: 50%;
    background: var(--_severity-normal);
  }
  .sev.high {
    color: var(--_severity-high);
    font-weight: 600;
  }
  .sev.high::before {
    background: currentColor;
  }

  /* Loading skeleton */
  .bar {
    display: block;
    block-size: 0.75em;
    inline-size: 70%;
    border-radius: 4px;
    background: color-mix(in srgb, var(--_color-text-muted) 22%, transparent);
    animation: pulse 1.4s ease-in-out infinite;
  }
  @keyframes pulse {
    50% {
      opacity: 0.45;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .bar {
      animation: none;
    }
  }

  /* States */
  .status {
    color: var(--_color-text-muted);
  }
  .status p {
    margin: 0 0 var(--_space);
  }
  .overlay {
    position: absolute;
    inset-inline: 1px;
    inset-block-start: calc(var(--_row-height) + 1px);
    padding: calc(var(--_space) * 3) calc(var(--_space) * 2);
    text-align: center;
    background: var(--_color-background);
  }
  .footer {
    position: absolute;
    inset-inline: var(--_space);
    inset-block-end: var(--_space);
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
    padding: var(--_space) calc(var(--_space) * 1.5);
    background: var(--_color-surface);
    border: 1px solid var(--_color-danger);
    border-radius: var(--_radius);
  }
  .status.error {
    color: var(--_color-danger);
  }
  .overlay.error button {
    margin-inline-start: var(--_space);
  }
  .probe {
    position: absolute;
    visibility: hidden;
    inline-size: 0;
    block-size: var(--_row-height);
  }
`;
