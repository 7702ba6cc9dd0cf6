import { css } from 'lit';

export const styles = css`
  :host {
    --_height: var(--avara-viewer-frame-height, 600px);
    display: block;
    position: relative;
    block-size: var(--_height);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    overflow: hidden;
  }
  .base {
    position: relative;
    inline-size: 100%;
    block-size: 100%;
  }
  iframe {
    display: block;
    inline-size: 100%;
    block-size: 100%;
    border: 0;
  }
  iframe[hidden] {
    display: none;
  }
  .status {
    position: absolute;
    inset: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: var(--_space);
    margin: 0;
    padding: calc(var(--_space) * 2);
    text-align: center;
    background: var(--_color-surface);
    color: var(--_color-text);
  }
  .status.error {
    color: var(--_color-danger);
  }
  button {
    font: inherit;
    color: var(--_color-on-primary);
    background: var(--_color-primary);
    border: 1px solid var(--_color-primary);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 0.5) calc(var(--_space) * 1.5);
    cursor: pointer;
  }
`;
