import { AskStreamElement } from './ask-stream.js';

/** Registers `<ask-stream>` (or `tagName`) unless something already did (two bundles on one page, say). */
export function defineAskStream(tagName = 'ask-stream'): void {
  if (customElements.get(tagName)) return;
  // A constructor can be registered under one name only, so another tag gets its own subclass.
  customElements.define(tagName, tagName === 'ask-stream' ? AskStreamElement : class extends AskStreamElement {});
}

declare global {
  interface HTMLElementTagNameMap {
    'ask-stream': AskStreamElement;
  }
}
