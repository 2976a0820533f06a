import type { Exchange } from '../controller/types.js';
import { resolveSources } from '../render/sources.js';
import type { AskStreamStrings } from './strings.js';

/** Showable sources per metadata object (counted once: there may be a hundred thousand). */
const counts = new WeakMap<object, number>();
function sourceCount(metadata: Exchange['metadata']): number {
  if (!metadata) return 0;
  let n = counts.get(metadata);
  if (n === undefined) counts.set(metadata, (n = resolveSources(metadata.sources).length));
  return n;
}

/**
 * What the polite status region says about the latest exchange: that an
 * answer is coming, or that it is complete and how many sources it has. The
 * answer itself is not announced as it streams (the transcript's live region
 * is off); errors are announced by their own alert.
 */
export function statusText(latest: Exchange | undefined, reconnecting: boolean, s: AskStreamStrings): string {
  switch (latest?.status) {
    case 'streaming':
      return reconnecting ? s.reconnecting : s.answering;
    case 'complete': {
      const n = sourceCount(latest.metadata);
      return n === 0 ? s.answered : n === 1 ? s.answeredWithSource : s.answeredWithSources.replace('{n}', String(n));
    }
    case 'cancelled':
      return s.cancelled;
    default:
      return '';
  }
}
