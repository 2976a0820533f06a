import { html } from 'lit';

// Small line icons (24×24, stroked with currentColor), decorative: every
// button that shows one has an accessible name of its own.
const icon = (d: string) =>
  html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d=${d} /></svg>`;

export const THUMB = icon('M7 10v11H3V10zm0 0 4-8a3 3 0 0 1 3 3v4h6a2 2 0 0 1 2 2l-2 8a2 2 0 0 1-2 2H7');
export const COPY = icon('M9 9h11v11H9zM5 15H4V4h11v1');
export const CLOSE = icon('M6 6l12 12M18 6 6 18');
export const SPARK = icon('M12 3l2 6 6 2-6 2-2 6-2-6-6-2 6-2z');
