// Template typings for Vue 3.3+ (vue-tsc, Vue - Official for VS Code):
//   import type {} from 'ask-stream/vue';
//   <ask-stream endpoint="/api/ask/stream" :headers="{ Authorization: token }"
//     @ask-stream-complete="(e) => track(e.detail.response)" />
// Vue reads a component's template props from `$props` and its events from
// `$emit`; a custom element has neither at run time, so the two exist only in
// this type, the way Vue's guide types custom elements for GlobalComponents.
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { AskStreamElement, AskStreamEvents, AskStreamProps } from './props.js';

/** `<ask-stream>` as Vue's template type-checking sees it. */
export type AskStreamVueElement = new () => AskStreamElement & {
  /** @deprecated Only for template type-checking: the element has no `$props`. */
  $props: HTMLAttributes & AskStreamProps & { allowImages?: boolean } & PublicProps;
  /** @deprecated Only for template type-checking: the element has no `$emit`. */
  $emit: EmitFn<{ [K in keyof AskStreamEvents]: (event: AskStreamEvents[K]) => void }>;
};

declare module 'vue' {
  interface GlobalComponents {
    'ask-stream': AskStreamVueElement;
  }
}
