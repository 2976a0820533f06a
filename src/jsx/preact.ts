// JSX typings for Preact, which attaches `onask-stream-*` props as listeners:
//   import type {} from 'ask-stream/preact';
//   <ask-stream endpoint="/api/ask/stream" onask-stream-complete={(e) => e.detail.response} />
import type { JSX } from 'preact';
import type { AskStreamElement, AskStreamEventProps, AskStreamProps } from './props.js';

export type AskStreamPreactProps = JSX.HTMLAttributes<AskStreamElement> & AskStreamProps & AskStreamEventProps;

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'ask-stream': AskStreamPreactProps;
    }
  }
}
