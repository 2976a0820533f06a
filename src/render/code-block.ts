/**
 * A fenced or indented code block with a copy button.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { RenderContext } from './render-context.js';

type Strings = RenderContext['strings'];

/** How long the button says "Copied" before it goes back to "Copy". */
const COPIED_MS = 1500;

/**
 * The button's visible text is `data-label` shown through CSS and its accessible
 * name is `aria-label`. Both are attributes on purpose: the "Copied" feedback is
 * set on the live DOM, and Lit only rewrites an attribute when the value it
 * renders changes, so a re-render of a block that is still streaming neither
 * loses the feedback nor fights it (a text child would have its markers wiped).
 */
function label(button: HTMLElement, text: string, name: string): void {
  button.dataset.label = text;
  button.setAttribute('aria-label', name);
}

function copy(button: HTMLButtonElement, code: string, strings: Strings): void {
  // Without the Clipboard API (insecure context, denied permission) select the
  // code instead, so the reader's own copy shortcut does the rest.
  const select = () => getSelection()?.selectAllChildren(button.nextElementSibling ?? button);
  const clipboard = navigator.clipboard as Clipboard | undefined;
  if (!clipboard) return select();
  clipboard.writeText(code).then(() => {
    label(button, strings.copied, strings.copied);
    setTimeout(() => label(button, strings.copy, strings.copyLabel), COPIED_MS);
  }, select);
}

/**
 * `code` is the raw code (what the button copies); `lang` the info string, whose
 * first word becomes a `language-*` class for host-page highlighters; `end` goes
 * after the code inside `<code>` (the streaming cursor).
 */
export function codeBlock(code: string, lang: string | undefined, ctx: RenderContext, end: unknown): TemplateResult {
  const s = ctx.strings;
  const word = lang && /\S+/.exec(lang)?.[0];
  return html`<div class="md-code" part="code"><button type="button" class="md-copy" part="copy" aria-label=${s.copyLabel} data-label=${s.copy} @click=${(e: Event) => copy(e.currentTarget as HTMLButtonElement, code.replace(/\n$/, ''), s)}></button><pre><code class=${word ? `language-${word}` : nothing}>${code}${end}</code></pre></div>`;
}
