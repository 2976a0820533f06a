/**
 * Starts new requests one per turn of the event loop, in arrival order.
 *
 * Node hands a server every request that arrived since its last look in one
 * go, and would start them all before looking at its sockets and timers
 * again: under a burst of 200 asks in the same instant, a client that left an
 * answer already streaming waited for all of them before its backend was
 * aborted (S2: p99 ~500 ms), and every open stream's next frame with it. A
 * start is a request's synchronous work and the promise jobs it sets off
 * (reading the body, starting the backend), which Node runs before the next
 * callback: one per turn bounds what a departure, a backend's bytes or a
 * timer waits behind to one start. The work is the same; only the order
 * changes. An idle server starts a request in the same turn that brought it
 * (setImmediate runs right after that poll, before timers), and a turn with
 * nothing else to do costs a few microseconds.
 */
let queue: (() => void)[] = [];
let head = 0;

/** Runs `start` in this turn of the event loop if nothing is waiting, else after those that are, one per turn. */
export function startSoon(start: () => void): void {
  queue.push(start);
  if (queue.length - head === 1) setImmediate(next);
}

function next(): void {
  const start = queue[head]!;
  head++;
  if (head < queue.length) setImmediate(next);
  else {
    queue = [];
    head = 0;
  }
  start();
}
