import { html, nothing, type TemplateResult } from 'lit';
import type { AnswerMetadata } from '../protocol.js';
import { resolveSources } from '../render/sources.js';
import { inlineSize } from './inline-size.js';
import type { AskStreamStrings } from './strings.js';

/** Sources shown at first; the rest are behind a "show more" button, this many at a time. */
export const SOURCES_SHOWN = 20;
const SOURCES_MORE = 200;

/** `0.87` → 87; `87` → 87; anything else → undefined. */
export function confidencePercent(confidence: unknown): number | undefined {
  if (typeof confidence !== 'number' || !Number.isFinite(confidence) || confidence < 0) return undefined;
  const percent = confidence <= 1 ? confidence * 100 : confidence;
  return percent <= 100 ? Math.round(percent) : undefined;
}

function confidenceView(metadata: AnswerMetadata, strings: AskStreamStrings): TemplateResult | typeof nothing {
  const percent = confidencePercent(metadata.confidence);
  if (percent === undefined) return nothing;
  const level = percent >= 75 ? 'high' : percent >= 40 ? 'medium' : 'low';
  return html`<p part="confidence" class="confidence" data-level=${level}>
    <span class="confidence-label">${strings.confidence}</span>
    <span class="confidence-bar" aria-hidden="true"><span ${inlineSize(`${percent}%`)}></span></span>
    <span class="confidence-value">${percent}%</span>
  </p>`;
}

/**
 * The sources of one answer as cards (number, title, domain, snippet),
 * numbered as citations number them, and its confidence; nothing when the
 * metadata has neither. Only the first `shown` sources are even looked at,
 * so a hundred thousand of them cost what twenty do.
 */
export function sourcesView(
  metadata: AnswerMetadata | null,
  strings: AskStreamStrings,
  shown: number,
  more: (count: number) => void,
): TemplateResult | typeof nothing {
  if (!metadata) return nothing;
  const all = Array.isArray(metadata.sources) ? metadata.sources : [];
  const sources = resolveSources(all, shown);
  const rest = all.length - (sources.length ? sources[sources.length - 1]!.n : 0);
  const confidence = confidenceView(metadata, strings);
  if (!sources.length && confidence === nothing) return nothing;
  const next = Math.min(rest, SOURCES_MORE);
  return html`<footer class="meta">
    ${
      sources.length
        ? html`<section part="sources" class="sources" aria-label=${strings.sources}>
            <h3 class="sources-heading">${strings.sources}</h3>
            <ol class="source-list">
              ${sources.map((s) => {
                const card = html`<span class="source-n">${s.n}</span><span class="source-title">${s.title}</span>${
                  s.domain ? html`<span class="source-domain">${s.domain}</span>` : nothing
                }${s.snippet ? html`<span class="source-snippet">${s.snippet}</span>` : nothing}`;
                return html`<li part="source" class="source">${
                  s.href ? html`<a href=${s.href} target="_blank" rel="noopener noreferrer">${card}</a>` : card
                }</li>`;
              })}
            </ol>
            ${
              next > 0
                ? html`<button part="more-sources" class="link-button" type="button" @click=${() => more(next)}>
                    ${strings.moreSources.replace('{n}', String(next))}
                  </button>`
                : nothing
            }
          </section>`
        : nothing
    }
    ${confidence}
  </footer>`;
}
