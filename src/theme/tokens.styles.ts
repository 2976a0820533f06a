import { css } from 'lit';

/**
 * The design tokens: one palette for the widget and for the answers it renders.
 *
 * Each public token `--ask-stream-*` is read once, here, into a private `--_*`
 * with its default as the fallback, and every rule reads only the private one.
 * Declaring the defaults on `:host` under the public names would beat
 * inheritance: `body { --ask-stream-accent: red }` would never reach the widget.
 * Read this way, a token set on the element or on any ancestor applies.
 *
 * `light-dark()` is resolved where a colour is used, by the element's
 * `color-scheme` (which the `theme` attribute sets). Both palettes were chosen
 * for WCAG AA contrast of text and controls on their backgrounds. The defaults
 * are documented (`@cssprop`) on the element, and a test keeps the two equal.
 */
export const tokens = css`
  :host {
    --_accent: var(--ask-stream-accent, light-dark(#0550ae, #58a6ff));
    --_on-accent: var(--ask-stream-on-accent, light-dark(#ffffff, #0d1117));
    --_background: var(--ask-stream-background, light-dark(#ffffff, #0d1117));
    --_foreground: var(--ask-stream-foreground, light-dark(#1f2328, #e6edf3));
    --_muted: var(--ask-stream-muted, light-dark(#57606a, #9198a1));
    --_border: var(--ask-stream-border, light-dark(#d0d7de, #3d444d));
    --_danger: var(--ask-stream-danger, light-dark(#b91c1c, #ff7b72));
    --_code-background: var(--ask-stream-code-background, light-dark(#f6f8fa, #161b22));
    --_question-background: var(--ask-stream-question-background, light-dark(#eef4fc, #1b2635));
    --_radius: var(--ask-stream-radius, 10px);
    --_font: var(--ask-stream-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-mono: var(--ask-stream-font-mono, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);
    --_font-size: var(--ask-stream-font-size, 1rem);
    --_spacing: var(--ask-stream-spacing, 0.75rem);
    --_max-height: var(--ask-stream-max-height, 32rem);
  }
`;
