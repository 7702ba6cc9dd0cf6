import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    background: var(--_color-background);
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    text-align: start;
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-bottom: 1px solid var(--_color-border);
  }
  th {
    background: var(--_color-surface);
    font-weight: 600;
  }
  .muted {
    color: var(--_color-text-muted);
    font-style: italic;
  }
  .severity-high {
    color: var(--_severity-high);
    font-weight: 600;
  }
  .severity-normal {
    color: var(--_severity-normal);
  }
  .status {
    padding: calc(var(--_space) * 2);
    color: var(--_color-text-muted);
  }
  .status[role='alert'] {
    color: var(--_color-danger);
  }
`;
