/**
 * Copy buttons (a code block's, an answer's): copy text and say so for a
 * moment. The button's visible text is `data-label` shown through CSS and its
 * accessible name is `aria-label`. Both are attributes on purpose: the
 * "Copied" feedback is set on the live DOM, and Lit only rewrites an
 * attribute when the value it renders changes, so a re-render of content
 * still streaming neither loses the feedback nor fights it.
 */

/** How long a button says "Copied" before it goes back. */
export const COPIED_MS = 1500;

export interface CopyStrings {
  /** Visible text, its text once copied, its accessible name. */
  copy: string;
  copied: string;
  copyLabel: string;
}

function label(button: HTMLElement, text: string, name: string): void {
  button.dataset.label = text;
  button.setAttribute('aria-label', name);
}

/**
 * Copies `text`, and labels `button` "Copied" for {@link COPIED_MS}. Without
 * the Clipboard API (insecure context, denied permission) `fallback` runs
 * instead: a code block selects its code, so the reader's shortcut does the rest.
 */
export function copyWithFeedback(button: HTMLElement, text: string, strings: CopyStrings, fallback?: () => void): void {
  const clipboard = navigator.clipboard as Clipboard | undefined;
  const failed = () => fallback?.();
  if (!clipboard) return failed();
  clipboard.writeText(text).then(() => {
    label(button, strings.copied, strings.copied);
    setTimeout(() => label(button, strings.copy, strings.copyLabel), COPIED_MS);
  }, failed);
}
