import type { AskStreamElement, AskStreamTheme } from '../element/ask-stream.js';
import type { AskStreamEventMap } from '../element/events.js';
import type { AskStreamStrings } from '../element/strings.js';
import type { PersistMode } from '../element/transcript-persistence.js';

/** What JSX may set on `<ask-stream>`: its attributes and its object properties. */
export interface AskStreamProps {
  endpoint?: string;
  theme?: AskStreamTheme;
  placeholder?: string;
  timeout?: number;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
  strings?: Partial<AskStreamStrings>;
  'allow-images'?: boolean;
  retries?: number;
  history?: number;
  persist?: PersistMode;
  'persist-key'?: string;
}

/** The element's events, keyed by name. */
export type AskStreamEvents = AskStreamEventMap;

/** `on<event-name>` listeners, the form React 19 and Preact attach to custom elements. */
export type AskStreamEventProps = {
  [K in keyof AskStreamEvents as `on${K}`]?: (event: AskStreamEvents[K]) => void;
};

export type { AskStreamElement };
