import { html, nothing, type TemplateResult } from 'lit';

/** The most questions offered at once, and the longest shown. */
const MAX_SUGGESTIONS = 6;
const MAX_LENGTH = 200;

/** Questions to offer: strings only, trimmed, not empty, not too many. */
export function suggestionsOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((q): q is string => typeof q === 'string' && !!q.trim())
    .map((q) => q.trim().slice(0, MAX_LENGTH))
    .slice(0, MAX_SUGGESTIONS);
}

/** Starter or follow-up questions as buttons; activating one asks it. */
export function suggestionsView(
  value: unknown,
  label: string,
  ask: (query: string) => void,
): TemplateResult | typeof nothing {
  const questions = suggestionsOf(value);
  if (!questions.length) return nothing;
  return html`<ul class="suggestions" aria-label=${label}>
    ${questions.map((q) => html`<li><button part="suggestion" class="suggestion" type="button" @click=${() => ask(q)}>${q}</button></li>`)}
  </ul>`;
}
