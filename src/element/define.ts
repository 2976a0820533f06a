import { AskStreamElement } from './ask-stream.js';

/** Registers `<ask-stream>` unless something already did (two bundles on one page, say). */
export function defineAskStream(tagName = 'ask-stream'): void {
  if (!customElements.get(tagName)) customElements.define(tagName, tagName === 'ask-stream' ? AskStreamElement : class extends AskStreamElement {});
}

declare global {
  interface HTMLElementTagNameMap {
    'ask-stream': AskStreamElement;
  }
}
