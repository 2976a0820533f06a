/**
 * The page for `<ask-stream>`: loads the BUILT bundle (dist/ask-stream.js, what
 * a site loads from a CDN) and nothing else of the project.
 */
import { install, type Widget } from './harness.js';

// The shipped bundle, loaded at run time by URL (it is not part of this
// program); only the public surface below is used.
const BUNDLE_URL = '/dist/ask-stream.js';

interface AskStreamLike extends HTMLElement {
  endpoint: string;
  timeout: number;
  status: string;
  ask(query: string): Promise<void>;
  cancel(): void;
  clear(): void;
}

const bundle = (await import(/* @vite-ignore */ BUNDLE_URL)) as { defineAskStream?: () => void };
// Importing the bundle must register <ask-stream>. If a build ever stops doing
// so, say it (the driver prints it as a warning) and register it by hand, so
// the figures still come from the same shipped code.
const registeredOnImport = customElements.get('ask-stream') !== undefined;
if (!registeredOnImport) bundle.defineAskStream?.();
(window as unknown as { __registeredOnImport: boolean }).__registeredOnImport = registeredOnImport;
await customElements.whenDefined('ask-stream');

install({
  name: 'ask-stream',
  mount(container): Widget {
    const el = document.createElement('ask-stream') as AskStreamLike;
    container.append(el);
    const root = el.shadowRoot!;
    let onRender: () => void = () => {};
    // Counting Lit updates from outside: an own property shadows the
    // prototype's `update`, which Lit calls once per render.
    const self = el as unknown as { update(changed: unknown): void };
    const update = self.update;
    self.update = function (this: unknown, changed: unknown) {
      onRender();
      update.call(this, changed);
    };
    return {
      observe: root,
      answer: () => {
        const all = root.querySelectorAll('[part~="answer"]');
        return all[all.length - 1] ?? null;
      },
      async ask(endpoint, onChunk) {
        el.endpoint = endpoint;
        const listener = (e: Event) => onChunk((e as CustomEvent<{ content: string }>).detail.content.length);
        el.addEventListener('ask-stream-chunk', listener);
        try {
          await el.ask('bench');
        } finally {
          el.removeEventListener('ask-stream-chunk', listener);
        }
        return el.status;
      },
      cancel: () => el.cancel(),
      reset: () => el.clear(),
      onRender: (cb) => {
        onRender = cb;
      },
    };
  },
});
