import { html, nothing, type TemplateResult } from 'lit';
import { isRecord, type AnswerMetadata, type Source } from '../protocol.js';
import { safeLinkUrl } from '../render/safe-url.js';
import { inlineSize } from './inline-size.js';
import type { AskStreamStrings } from './strings.js';

interface ResolvedSource {
  label: string;
  href: string | null;
}

/**
 * A string source is a URL when it parses as one, else a title; an object's URL
 * becomes a link only when it is absolute and of a safe scheme. Anything else
 * stays text, so a source can never run script or leak through a link.
 */
function resolveSource(source: Source): ResolvedSource | undefined {
  if (typeof source === 'string') {
    const text = source.trim();
    return text ? { label: text, href: safeLinkUrl(text) } : undefined;
  }
  if (!isRecord(source)) return undefined;
  const title = typeof source.title === 'string' ? source.title.trim() : '';
  const url = typeof source.url === 'string' ? source.url.trim() : '';
  if (!title && !url) return undefined;
  return { label: title || url, href: url ? safeLinkUrl(url) : null };
}

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

/** The sources and confidence of one answer; nothing when the metadata has neither. */
export function sourcesView(
  metadata: AnswerMetadata | null,
  strings: AskStreamStrings,
): TemplateResult | typeof nothing {
  if (!metadata) return nothing;
  const raw: unknown[] = Array.isArray(metadata.sources) ? metadata.sources : [];
  const sources = raw.map((s) => resolveSource(s as Source)).filter((s): s is ResolvedSource => !!s);
  const confidence = confidenceView(metadata, strings);
  if (!sources.length && confidence === nothing) return nothing;
  return html`<footer class="meta">
    ${
      sources.length
        ? html`<section part="sources" class="sources" aria-label=${strings.sources}>
          <h3 class="sources-heading">${strings.sources}</h3>
          <ol>
            ${sources.map(
              (s) =>
                html`<li part="source">${
                  s.href ? html`<a href=${s.href} target="_blank" rel="noopener noreferrer">${s.label}</a>` : s.label
                }</li>`,
            )}
          </ol>
        </section>`
        : nothing
    }
    ${confidence}
  </footer>`;
}
