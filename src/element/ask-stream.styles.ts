import { css } from 'lit';
import { markdownStyles } from '../render/markdown.styles.js';
import { tokens } from '../theme/tokens.styles.js';
import { featureStyles } from './features.styles.js';

// The theme attribute picks the palette half of every light-dark() token.
const theme = css`
  :host {
    color-scheme: light dark;
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
    /* Never wider than its container, in block, grid and flex layouts: code and tables scroll inside. */
    min-width: 0;
    max-width: 100%;
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.55;
    color: var(--_foreground);
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
    min-width: 0;
    display: flex;
    flex-direction: column;
    gap: var(--_spacing);
    padding: var(--_spacing);
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .transcript {
    max-height: var(--_max-height);
    overflow-y: auto;
    overscroll-behavior: contain;
    /* Following the stream is done in script; the browser's own anchoring would fight it. */
    overflow-anchor: none;
    contain: content;
  }
  .log {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_spacing) * 1.5);
  }
  .exchange {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_spacing) * 0.5);
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
    padding: calc(var(--_spacing) * 0.5) var(--_spacing);
    border-radius: var(--_radius);
    background: var(--_question-background);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .answer {
    overflow-wrap: anywhere;
    contain: content;
    /* Room for a citation's card past the answer's edge. */
    overflow-clip-margin: 12em;
  }
  .thinking {
    margin: 0;
    color: var(--_muted);
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
    color: var(--_muted);
    font-style: italic;
  }
  .error {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_spacing);
    color: var(--_danger);
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
    gap: calc(var(--_spacing) * 0.5);
    font-size: 0.875em;
    color: var(--_muted);
  }
  .sources-heading {
    margin: 0;
    font-size: inherit;
    font-weight: 600;
  }
  .answer a {
    color: var(--_accent);
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
    background: var(--_border);
    overflow: hidden;
  }
  .confidence-bar > span {
    display: block;
    block-size: 100%;
    background: var(--_accent);
  }
  .form {
    display: flex;
    gap: calc(var(--_spacing) * 0.5);
    align-items: flex-end;
  }
  .input {
    flex: 1;
    /* A textarea's own width (its 20 columns) is its minimum in Firefox and WebKit, which made
       the widget 354 px wide in a 320 px grid cell; it takes its width from flex alone. */
    inline-size: 0;
    min-inline-size: 0;
    max-block-size: 10rem;
    resize: none;
    font: inherit;
    color: inherit;
    background: var(--_background);
    padding: calc(var(--_spacing) * 0.6) var(--_spacing);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.8);
  }
  .input::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
  .button {
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    padding: calc(var(--_spacing) * 0.6) calc(var(--_spacing) * 1.25);
    border-radius: calc(var(--_radius) * 0.8);
    border: 1px solid var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .cancel,
  .retry {
    background: transparent;
    color: var(--_accent);
  }
  .retry {
    font: inherit;
    cursor: pointer;
    padding: 0.25em 0.75em;
    border: 1px solid currentColor;
    border-radius: calc(var(--_radius) * 0.6);
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
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

export const styles = [tokens, theme, layout, markdownStyles, featureStyles];
