/**
 * Citation chips: a marker `[n]` (or `[^n]`) in an answer, where source `n`
 * exists, shows as a small numbered chip that links to the source and, on
 * hover or keyboard focus, a card with its title, domain and snippet.
 *
 * The sources usually arrive after the text that cites them (the metadata
 * frame comes last). Each marker is a directive that watches the answer's
 * sources and redraws only itself when they change, so finished blocks'
 * text is never rendered again for it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { AsyncDirective, directive } from 'lit/async-directive.js';
import type { ResolvedSource } from './sources.js';

/** The sources of one answer, by number, and who shows them. */
export class CitationSources {
  #byNumber = new Map<number, ResolvedSource>();
  readonly #watchers = new Set<() => void>();
  #from: unknown;

  /** Replaces the sources (`list` is what they were resolved from: setting the same again does nothing). */
  set(from: unknown, sources: readonly ResolvedSource[]): void {
    if (from === this.#from) return;
    this.#from = from;
    this.#byNumber = new Map(sources.map((s) => [s.n, s]));
    for (const watcher of [...this.#watchers]) watcher();
  }

  get(n: number): ResolvedSource | undefined {
    return this.#byNumber.get(n);
  }

  watch(watcher: () => void): () => void {
    this.#watchers.add(watcher);
    return () => this.#watchers.delete(watcher);
  }
}

/** `[1]` and `[^1]`: what a model writes to cite its first source. */
export const CITATION = /\[\^?([1-9]\d{0,3})\]/g;

let cards = 0;

function chip(s: ResolvedSource, label: string, id: string): TemplateResult {
  const card = html`<span class="citation-card" part="citation-card" role="tooltip" id=${id}
    ><strong>${s.title}</strong>${s.domain ? html`<span>${s.domain}</span>` : nothing}${
      s.snippet ? html`<span>${s.snippet}</span>` : nothing
    }</span
  >`;
  // A source without a safe link still gets a focusable chip, so its card is reachable from the keyboard.
  return html`<span class="citation">${
    s.href
      ? html`<a part="citation" href=${s.href} target="_blank" rel="noopener noreferrer" aria-label=${label} aria-describedby=${id}>${s.n}</a>`
      : html`<span part="citation" tabindex="0" aria-label=${label} aria-describedby=${id}>${s.n}</span>`
  }${card}</span>`;
}

class CitationDirective extends AsyncDirective {
  /** The card's id, for the chip's aria-describedby: unique in the page, stable across renders. */
  readonly #id = `ask-stream-cite-${++cards}`;
  #stop: (() => void) | undefined;
  #args: [n: number, marker: string, sources: CitationSources, label: string] | undefined;

  render(n: number, marker: string, sources: CitationSources, label: string): unknown {
    if (this.#args?.[2] !== sources) {
      this.#stop?.();
      this.#stop = this.isConnected ? sources.watch(() => this.setValue(this.#view())) : undefined;
    }
    this.#args = [n, marker, sources, label];
    return this.#view();
  }

  #view(): unknown {
    const [n, marker, sources, label] = this.#args!;
    const source = sources.get(n);
    return source ? chip(source, `${label} ${n}: ${source.title}`, this.#id) : marker;
  }

  protected override disconnected(): void {
    this.#stop?.();
    this.#stop = undefined;
  }

  protected override reconnected(): void {
    const sources = this.#args?.[2];
    if (sources) this.#stop = sources.watch(() => this.setValue(this.#view()));
  }
}

/** A citation marker: the chip of source `n` once `sources` has it, the marker's text until then. */
export const citation = directive(CitationDirective);
