import { css } from 'lit';

export const styles = css`
  :host {
    --_bg: var(--avara-color-background, #ffffff);
    --_surface: var(--avara-color-surface, #f6f7f9);
    --_text: var(--avara-color-text, #1b1f24);
    --_muted: var(--avara-color-text-muted, #57606a);
    --_border: var(--avara-color-border, #d0d7de);
    --_danger: var(--avara-color-danger, #b42318);
    --_high: var(--avara-severity-high, #b42318);
    --_normal: var(--avara-severity-normal, #1a7f37);
    --_font: var(--avara-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_size: var(--avara-font-size, 14px);
    --_space: var(--avara-space, 8px);
    --_radius: var(--avara-radius, 6px);
    display: block;
    color: var(--_text);
    background: var(--_bg);
    font-family: var(--_font);
    font-size: var(--_size);
  }
  :host([hidden]) {
    display: none;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    text-align: start;
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-bottom: 1px solid var(--_border);
  }
  th {
    background: var(--_surface);
    font-weight: 600;
  }
  .muted {
    color: var(--_muted);
    font-style: italic;
  }
  .severity-high {
    color: var(--_high);
    font-weight: 600;
  }
  .severity-normal {
    color: var(--_normal);
  }
  .status {
    padding: calc(var(--_space) * 2);
    color: var(--_muted);
  }
  .status[role='alert'] {
    color: var(--_danger);
  }
`;
