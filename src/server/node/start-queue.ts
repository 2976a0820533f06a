/**
 * Starts new requests a few milliseconds' worth at a time, one batch per turn
 * of the event loop, in arrival order.
 *
 * Node hands a server every request that arrived since its last look in one
 * go, and would start them all before looking at its sockets again: under a
 * burst of 200 asks in the same instant, a client that left an answer already
 * streaming waited for all of them before its backend was aborted (S2: p99
 * ~500 ms). Between two batches Node polls its sockets, so a departure (or a
 * backend's bytes, or a timer) is seen within one batch's time. The work is
 * the same; only the order changes. An idle server starts a request at once,
 * in the same turn (setImmediate runs right after the poll that brought it).
 */
const SLICE_MS = 4;

let queue: (() => void)[] = [];
let head = 0;
let scheduled = false;

/** Runs `start` in this turn's batch of request starts, or a later one. */
export function startSoon(start: () => void): void {
  queue.push(start);
  if (!scheduled) {
    scheduled = true;
    setImmediate(drain);
  }
}

function drain(): void {
  const until = performance.now() + SLICE_MS;
  while (head < queue.length) {
    const start = queue[head]!;
    head++;
    start();
    if (performance.now() >= until) break;
  }
  if (head < queue.length) {
    setImmediate(drain);
    return;
  }
  queue = [];
  head = 0;
  scheduled = false;
}
