import { css } from 'lit';

/** Styles of the widget's parts beyond the conversation: launcher and dialog, answer actions, suggestions, source cards. */
export const featureStyles = css`
  .icon {
    width: 1.15em;
    height: 1.15em;
    flex: none;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .launcher {
    position: fixed;
    inset-block-end: 1rem;
    inset-inline-end: 1rem;
    z-index: 2147483000;
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
    padding: 0.7em 1.1em;
    border: 0;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    box-shadow: 0 4px 16px #0004;
  }
  .dialog {
    width: min(44rem, 100vw - 2rem);
    max-width: none;
    max-height: min(48rem, 100dvh - 2rem);
    padding: 0;
    border: 0;
    border-radius: var(--_radius);
    background: none;
    color: inherit;
  }
  .dialog::backdrop {
    background: #0007;
  }
  .dialog > .base {
    max-height: inherit;
  }
  .dialog .transcript {
    max-height: none;
    flex: 1;
  }
  .header {
    display: flex;
    align-items: center;
    gap: 0.5em;
  }
  [part='close'] {
    margin-inline-start: auto;
  }
  @media (max-width: 40rem) {
    .dialog {
      width: 100vw;
      height: 100dvh;
      max-height: none;
      margin: 0;
      border-radius: 0;
    }
    .dialog > .base {
      height: 100%;
      border-radius: 0;
    }
  }
  .actions {
    display: flex;
    gap: 0.25em;
  }
  .action {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    padding: 0.3em 0.5em;
    border: 1px solid transparent;
    border-radius: calc(var(--_radius) * 0.6);
    background: none;
    color: var(--_muted);
    font: inherit;
    font-size: 0.85em;
    cursor: pointer;
  }
  .action:hover,
  .action[aria-pressed='true'] {
    color: var(--_accent);
    border-color: var(--_border);
  }
  .copy-answer::after {
    content: attr(data-label);
  }
  [part='feedback-down'] .icon {
    transform: scaleY(-1);
  }
  .reason {
    display: flex;
    gap: 0.5em;
  }
  .secondary {
    background: none;
    color: var(--_accent);
  }
  .suggestions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .suggestion {
    padding: 0.35em 0.8em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_background);
    color: var(--_foreground);
    font: inherit;
    font-size: 0.9em;
    text-align: start;
    cursor: pointer;
  }
  .suggestion:hover {
    border-color: var(--_accent);
    color: var(--_accent);
  }
  .source-list {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 13rem), 1fr));
    gap: 0.5em;
    margin: 0.35em 0 0;
    padding: 0;
    list-style: none;
  }
  .source {
    padding: 0.5em 0.6em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.6);
  }
  .source,
  .source > a {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    align-content: start;
    column-gap: 0.5em;
    color: inherit;
    text-decoration: none;
  }
  .source > a {
    grid-column: 1 / -1;
  }
  .source-n {
    grid-row: span 3;
    color: var(--_accent);
    font-weight: 600;
  }
  .source-title {
    color: var(--_foreground);
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .source-snippet {
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }
  .link-button {
    align-self: start;
    margin-top: 0.35em;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }
`;
