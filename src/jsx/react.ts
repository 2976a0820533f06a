// JSX typings for React 19, which sets custom-element props as properties and
// attaches `onask-stream-*` props as listeners for those events:
//   import type {} from 'ask-stream/react';
//   <ask-stream endpoint="/api/ask/stream" onask-stream-complete={(e) => e.detail.response} />
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { AskStreamElement, AskStreamEventProps, AskStreamProps } from './props.js';

export type AskStreamReactProps = DetailedHTMLProps<HTMLAttributes<AskStreamElement>, AskStreamElement> &
  AskStreamProps &
  AskStreamEventProps;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'ask-stream': AskStreamReactProps;
    }
  }
}
