// JSX typings for Solid, which listens with `on:ask-stream-*`:
//   import type {} from 'ask-stream/solid';
//   <ask-stream endpoint="/api/ask/stream" on:ask-stream-complete={(e) => e.detail.response} />
import type { JSX } from 'solid-js';
import type { AskStreamElement, AskStreamEvents, AskStreamProps } from './props.js';

export type AskStreamSolidProps = JSX.HTMLAttributes<AskStreamElement> & AskStreamProps;

declare module 'solid-js' {
  namespace JSX {
    interface IntrinsicElements {
      'ask-stream': AskStreamSolidProps;
    }
    interface CustomEvents extends AskStreamEvents {}
  }
}
