import assert from 'node:assert/strict';
import { stat } from 'node:fs';
import { describe, it } from 'node:test';
import { startSoon } from '../../src/server/node/start-queue.js';

/** Holds the thread for `ms`, as starting a request does. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('startSoon (the Node adapter starts requests one per turn of the event loop)', () => {
  it('starts a burst in arrival order, over several turns of the event loop', async () => {
    const started: number[] = [];
    let seenBetween: number | undefined;
    await new Promise<void>((resolve) => {
      for (let i = 0; i < 20; i++) {
        startSoon(() => {
          busy(2);
          started.push(i);
          if (i === 19) resolve();
        });
      }
      // Queued after the first batch: runs once that batch has handed the loop back.
      setImmediate(() => (seenBetween = started.length));
    });
    assert.deepEqual(
      started,
      Array.from({ length: 20 }, (_, i) => i),
    );
    assert.ok(seenBetween! > 0 && seenBetween! < 20, `${seenBetween} of 20 started before the loop got a turn`);
  });

  it('starts a lone request in the same turn, before any timer', async () => {
    const order: string[] = [];
    await new Promise<void>((resolve) => {
      // From an I/O callback, as a request arrives: the start comes before the next timers run.
      stat('.', () => {
        setTimeout(() => {
          order.push('timer');
          resolve();
        }, 0);
        startSoon(() => order.push('start'));
      });
    });
    assert.deepEqual(order, ['start', 'timer']);
  });
});
