/**
 * A fenced or indented code block: a header row with the language (when the
 * fence names one) and the copy button, so the button never covers the code,
 * then the code, which scrolls sideways in its own box.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { copyWithFeedback } from './clipboard.js';
import type { RenderContext } from './render-context.js';

/**
 * Lines per segment of a long block. Each full segment is its own box that the
 * browser skips while it is off screen (`content-visibility: auto` in the
 * styles), so a 200 KB block costs the layout of what is visible, and a block
 * still streaming re-lays out its last segment only.
 */
export const SEGMENT_LINES = 100;

function copy(button: HTMLButtonElement, code: string, strings: RenderContext['strings']): void {
  // Selecting the code lets the reader's own copy shortcut do the rest.
  copyWithFeedback(button, code, strings, () =>
    getSelection()?.selectAllChildren(button.closest('.md-code')?.querySelector('code') ?? button),
  );
}

/** `code` in segments of {@link SEGMENT_LINES} lines, the last one possibly shorter. */
function segments(code: string): string[] {
  const out: string[] = [];
  let from = 0;
  let lines = 0;
  for (let i = code.indexOf('\n'); i !== -1; i = code.indexOf('\n', i + 1)) {
    if (++lines === SEGMENT_LINES) {
      out.push(code.slice(from, i + 1));
      from = i + 1;
      lines = 0;
    }
  }
  out.push(code.slice(from));
  return out;
}

/**
 * `text` highlighted (once: the view is cached by text and language), or as
 * plain text if there is no highlighter, it throws, or its tokens do not join
 * back into exactly `text`. Tokens become text in spans: a highlighter can
 * style code, never inject markup.
 */
function highlighted(text: string, lang: string, ctx: RenderContext): unknown {
  const h = ctx.highlight;
  if (!h || !text) return text;
  const key = `${lang}\n${text}`;
  let view = h.cache.get(key);
  if (view === undefined) {
    view = text;
    try {
      const tokens = h.highlighter(text, lang);
      if (Array.isArray(tokens) && tokens.map((t) => t.text).join('') === text) {
        view = tokens.map((t) => (t.className ? html`<span class="hl ${t.className}">${t.text}</span>` : t.text));
      }
    } catch {
      // A highlighter that fails shows the code plain.
    }
    if (h.cache.size > 500) h.cache.clear();
    h.cache.set(key, view);
  }
  return view;
}

/**
 * The code of a segment. Once the block is finished it is highlighted whole.
 * While it streams (`open`), each finished line is highlighted once, alone
 * (a comment spanning lines may show plain until the block ends), and the
 * line still arriving is plain: a growing block costs its new lines.
 */
function code(text: string, lang: string, ctx: RenderContext, open: boolean): unknown {
  if (!lang || !ctx.highlight) return text;
  if (!open) return guard([text, lang], () => highlighted(text, lang, ctx));
  const cut = text.lastIndexOf('\n') + 1;
  const lines = cut ? text.slice(0, cut - 1).split('\n') : [];
  return [...lines.map((line) => guard([line, lang], () => highlighted(`${line}\n`, lang, ctx))), text.slice(cut)];
}

const segment = (body: unknown) => html`<span class="md-code-segment">${body}</span>`;

/**
 * `source` is the block's text as CommonMark gives it (each line ending in a
 * newline); the button copies it without the last newline. `info` is the info
 * string, whose first word names the language; `end` goes after the code inside
 * `<code>` (the streaming cursor).
 */
export function codeBlock(source: string, info: string | undefined, ctx: RenderContext, end: unknown): TemplateResult {
  const s = ctx.strings;
  const lang = info && /\S+/.exec(info)?.[0];
  const parts = segments(source);
  const open = end !== nothing;
  const body =
    parts.length > 1
      ? parts.map((p, i) => segment(code(p, lang ?? '', ctx, open && i === parts.length - 1)))
      : code(source, lang ?? '', ctx, open);
  return html`<div class="md-code" part="code"><div class="md-code-header" part="code-header">${lang ? html`<span class="md-code-language" part="code-language">${lang}</span>` : nothing}<button type="button" class="md-copy" part="copy" aria-label=${s.copyLabel} data-label=${s.copy} @click=${(e: Event) => copy(e.currentTarget as HTMLButtonElement, source.replace(/\n$/, ''), s)}></button></div><pre tabindex="0"><code class=${lang ? `language-${lang}` : nothing}>${body}${end}</code></pre></div>`;
}
