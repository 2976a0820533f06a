import { expect } from '@open-wc/testing';
import { nextFrame } from '../../src/element/next-frame.js';
import { RenderPacer } from '../../src/element/render-pacer.js';

/** Holds the main thread, as an expensive render does. */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

/** A pacer whose last render took `ms` of main thread: it then waits 2 × `ms` before the next. */
function afterExpensiveRender(ms: number): RenderPacer {
  const pacer = new RenderPacer();
  pacer.started();
  busy(ms);
  pacer.finished();
  return pacer;
}

describe('RenderPacer', () => {
  it('after an expensive render, waits twice its cost before the next', async () => {
    const pacer = afterExpensiveRender(150);
    const t0 = performance.now();
    await pacer.next();
    expect(performance.now() - t0).to.be.at.least(250);
  });

  it('flush() lets the next render run at the next frame: a finished answer is not paced', async () => {
    const pacer = afterExpensiveRender(150);
    const t0 = performance.now();
    const next = pacer.next();
    pacer.flush();
    await next;
    // Unflushed, the wait alone is over 250 ms (see above); a frame, or nextFrame's 100 ms fallback, is less.
    expect(performance.now() - t0).to.be.below(250);
  });

  it('flush() also ends a wait that has begun', async () => {
    const pacer = afterExpensiveRender(250);
    const t0 = performance.now();
    let done = false;
    const next = pacer.next().then(() => (done = true));
    await nextFrame();
    expect(done, 'still waiting').to.equal(false);
    pacer.flush();
    await next;
    // The wait was over 450 ms; the flush ends it, then one frame.
    expect(performance.now() - t0).to.be.below(400);
  });
});
