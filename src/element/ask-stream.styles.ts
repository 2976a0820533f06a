import { css } from 'lit';
import { markdownStyles } from '../render/markdown.styles.js';

// Design tokens live on :host so a page can override any of them on the element
// (outer rules beat :host rules). `light-dark()` picks from the palette by the
// element's color-scheme, which the `theme` attribute sets. Both palettes were
// chosen for WCAG AA contrast of text and controls on their backgrounds.
const tokens = css`
  :host {
    color-scheme: light dark;
    --ask-stream-accent: light-dark(#0550ae, #58a6ff);
    --ask-stream-on-accent: light-dark(#ffffff, #0d1117);
    --ask-stream-background: light-dark(#ffffff, #0d1117);
    --ask-stream-foreground: light-dark(#1f2328, #e6edf3);
    --ask-stream-muted: light-dark(#57606a, #9198a1);
    --ask-stream-border: light-dark(#d0d7de, #3d444d);
    --ask-stream-danger: light-dark(#b91c1c, #ff7b72);
    --ask-stream-code-background: light-dark(#f6f8fa, #161b22);
    --ask-stream-question-background: light-dark(#eef4fc, #1b2635);
    --ask-stream-radius: 10px;
    --ask-stream-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --ask-stream-font-mono: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    --ask-stream-font-size: 1rem;
    --ask-stream-spacing: 0.75rem;
    --ask-stream-max-height: 32rem;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
`;

const layout = css`
  :host {
    display: block;
    font-family: var(--ask-stream-font);
    font-size: var(--ask-stream-font-size);
    line-height: 1.55;
    color: var(--ask-stream-foreground);
    /* The widget's layout never depends on the page's, nor the page's on it. */
    contain: layout style;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--ask-stream-spacing);
    padding: var(--ask-stream-spacing);
    background: var(--ask-stream-background);
    border: 1px solid var(--ask-stream-border);
    border-radius: var(--ask-stream-radius);
  }
  .transcript {
    max-height: var(--ask-stream-max-height);
    overflow-y: auto;
    overscroll-behavior: contain;
    /* Following the stream is done in script; the browser's own anchoring would fight it. */
    overflow-anchor: none;
    contain: content;
  }
  .log {
    display: flex;
    flex-direction: column;
    gap: calc(var(--ask-stream-spacing) * 1.5);
  }
  .exchange {
    display: flex;
    flex-direction: column;
    gap: calc(var(--ask-stream-spacing) * 0.5);
  }
  /* Finished exchanges off screen cost nothing to lay out or paint. */
  .exchange:not(:last-child) {
    content-visibility: auto;
    contain-intrinsic-size: auto 12rem;
  }
  .question {
    margin: 0;
    align-self: flex-end;
    max-inline-size: 85%;
    padding: calc(var(--ask-stream-spacing) * 0.5) var(--ask-stream-spacing);
    border-radius: var(--ask-stream-radius);
    background: var(--ask-stream-question-background);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .answer {
    overflow-wrap: anywhere;
    contain: content;
  }
  .thinking {
    margin: 0;
    color: var(--ask-stream-muted);
    animation: ask-stream-pulse 1.4s ease-in-out infinite;
  }
  @keyframes ask-stream-pulse {
    50% {
      opacity: 0.45;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .thinking {
      animation: none;
    }
  }
  .outcome {
    margin: 0;
    font-size: 0.875em;
    color: var(--ask-stream-muted);
    font-style: italic;
  }
  .error {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--ask-stream-spacing);
    color: var(--ask-stream-danger);
  }
  .error p {
    margin: 0;
  }
  .error-prefix {
    font-weight: 600;
  }
  .meta {
    display: flex;
    flex-direction: column;
    gap: calc(var(--ask-stream-spacing) * 0.5);
    font-size: 0.875em;
    color: var(--ask-stream-muted);
  }
  .sources-heading {
    margin: 0;
    font-size: inherit;
    font-weight: 600;
  }
  .sources ol {
    margin: 0.25em 0 0;
    padding-inline-start: 1.5em;
  }
  .sources a,
  .answer a {
    color: var(--ask-stream-accent);
  }
  .confidence {
    margin: 0;
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
  }
  .confidence-bar {
    inline-size: 4rem;
    block-size: 0.375rem;
    border-radius: 999px;
    background: var(--ask-stream-border);
    overflow: hidden;
  }
  .confidence-bar > span {
    display: block;
    block-size: 100%;
    background: var(--ask-stream-accent);
  }
  .form {
    display: flex;
    gap: calc(var(--ask-stream-spacing) * 0.5);
    align-items: flex-end;
  }
  .input {
    flex: 1;
    min-inline-size: 0;
    max-block-size: 10rem;
    resize: none;
    font: inherit;
    color: inherit;
    background: var(--ask-stream-background);
    padding: calc(var(--ask-stream-spacing) * 0.6) var(--ask-stream-spacing);
    border: 1px solid var(--ask-stream-border);
    border-radius: calc(var(--ask-stream-radius) * 0.8);
  }
  .input::placeholder {
    color: var(--ask-stream-muted);
    opacity: 1;
  }
  .button {
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    padding: calc(var(--ask-stream-spacing) * 0.6) calc(var(--ask-stream-spacing) * 1.25);
    border-radius: calc(var(--ask-stream-radius) * 0.8);
    border: 1px solid var(--ask-stream-accent);
    background: var(--ask-stream-accent);
    color: var(--ask-stream-on-accent);
  }
  .cancel,
  .retry {
    background: transparent;
    color: var(--ask-stream-accent);
  }
  .retry {
    font: inherit;
    cursor: pointer;
    padding: 0.25em 0.75em;
    border: 1px solid currentColor;
    border-radius: calc(var(--ask-stream-radius) * 0.6);
  }
  :focus-visible {
    outline: 2px solid var(--ask-stream-accent);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
`;

export const styles = [tokens, layout, markdownStyles];
