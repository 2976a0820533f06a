// The controller's side of retry and resume: the retrying callback, one terminal
// call per ask whatever happens between attempts, cancel during a wait, and
// restore() after a reload. Real requests to the test server's stateful endpoint.
import { expect, waitUntil } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AskStreamController, type RequestOptions } from '../../src/controller/index.js';
import { ATTEMPTS_ENDPOINT, chunk, complete, perAttempt, withId, type Step } from '../support/script.js';

class Host implements ReactiveControllerHost {
  controllers: ReactiveController[] = [];
  updates = 0;
  addController(c: ReactiveController) {
    this.controllers.push(c);
  }
  removeController() {}
  requestUpdate() {
    this.updates++;
  }
  get updateComplete() {
    return Promise.resolve(true);
  }
}

type Call = [string, unknown];

/** A controller on the stateful endpoint, with waits that resolve at once unless `sleep` says otherwise. */
function setup(scripts: Step[][], extra: Partial<RequestOptions> = {}) {
  const host = new Host();
  const calls: Call[] = [];
  const endpoint = perAttempt(...scripts);
  const record = (name: string) => (detail: unknown) => calls.push([name, detail]);
  const controller = new AskStreamController(host, {
    request: () => ({
      endpoint: ATTEMPTS_ENDPOINT,
      body: endpoint.body,
      environment: { random: () => 0.5, sleep: async () => {}, isOnline: () => true },
      ...extra,
    }),
    onStart: record('start'),
    onChunk: record('chunk'),
    onComplete: record('complete'),
    onError: record('error'),
    onCancel: record('cancel'),
    onRetrying: record('retrying'),
  });
  const terminals = () => calls.filter(([n]) => n === 'complete' || n === 'error' || n === 'cancel');
  return { host, calls, controller, terminals, attempts: endpoint.attempts };
}

const fail503: Step[] = [{ status: 503, headers: { 'content-type': 'text/plain' } }];

describe('AskStreamController: retry and resume', () => {
  it('reports each retry with {query, attempt, delayMs, code}, then one terminal call', async () => {
    const { controller, calls, terminals } = setup([fail503, fail503, [chunk('ok'), complete()]]);
    await controller.ask('q');
    expect(calls.filter(([n]) => n === 'retrying')).to.deep.equal([
      ['retrying', { query: 'q', attempt: 1, delayMs: 250, code: 'HTTP_ERROR' }],
      ['retrying', { query: 'q', attempt: 2, delayMs: 500, code: 'HTTP_ERROR' }],
    ]);
    expect(terminals()).to.deep.equal([['complete', { query: 'q', response: 'ok', metadata: null }]]);
    expect(controller.status).to.equal('complete');
  });

  it('ends with one error when the retries run out', async () => {
    const { controller, terminals } = setup([fail503], { retries: 1 });
    await controller.ask('q');
    expect(terminals().map(([n]) => n)).to.deep.equal(['error']);
    expect(controller.error?.code).to.equal('HTTP_ERROR');
  });

  it('keeps one answer across a resumed connection', async () => {
    const { controller, calls, terminals } = setup([
      // Ends with no `complete` (INCOMPLETE): delivered whole, so the resume is deterministic.
      [withId(1, { type: 'chunk', content: 'one ' }), { write: '' }],
      [withId(2, { type: 'chunk', content: 'two' }), withId(3, { type: 'complete', success: true })],
    ]);
    await controller.ask('q');
    expect(controller.response).to.equal('one two');
    expect(calls.filter(([n]) => n === 'chunk').map(([, d]) => (d as { content: string }).content)).to.deep.equal([
      'one ',
      'two',
    ]);
    expect(terminals().map(([n]) => n)).to.deep.equal(['complete']);
  });

  it('is reconnecting while a retry waits, and cancel() then ends the ask at once, as cancelled', async () => {
    let waiting!: () => void;
    const waitBegan = new Promise<void>((r) => (waiting = r));
    const { controller, terminals, attempts } = setup([fail503, [complete()]], {
      environment: {
        isOnline: () => true,
        // A wait that only an abort ends.
        sleep: (_ms, signal) =>
          new Promise((_, reject) => {
            waiting();
            signal.addEventListener('abort', () => reject(signal.reason), { once: true });
          }),
      },
    });
    const done = controller.ask('q');
    await waitBegan;
    expect(controller.reconnecting).to.equal(true);
    expect(controller.status).to.equal('streaming');
    controller.cancel();
    await done;
    expect(controller.reconnecting).to.equal(false);
    expect(terminals()).to.deep.equal([['cancel', { query: 'q', response: '' }]]);
    expect(await attempts()).to.have.length(1);
  });

  it('exposes the pending ask (key and last SSE id) while it streams, and null after', async () => {
    const { controller } = setup([[withId(7, { type: 'chunk', content: 'x' }), { hang: true }]]);
    const seen: Array<unknown> = [];
    const done = controller.ask('q');
    const key = controller.pending?.idempotencyKey;
    expect(key).to.match(/^[0-9a-f-]{36}$/);
    await waitUntil(() => controller.response !== '', 'the first chunk');
    seen.push(controller.pending);
    controller.cancel();
    await done;
    expect(seen).to.deep.equal([{ idempotencyKey: key, lastEventId: '7' }]);
    expect(controller.pending).to.equal(null);
  });

  it('restore() brings back a transcript and resumes a streaming answer where it stood', async () => {
    const { controller, calls, terminals, attempts } = setup([
      [withId(3, { type: 'chunk', content: ' and the rest' }), withId(4, { type: 'complete', success: true })],
    ]);
    await controller.restore(
      [
        { query: 'old', response: 'done', metadata: null, error: null, status: 'complete' },
        { query: 'q', response: 'the start', metadata: null, error: null, status: 'streaming' },
      ],
      { idempotencyKey: 'k-1', lastEventId: '2' },
    );
    expect(controller.exchanges.map((e) => [e.query, e.response, e.status])).to.deep.equal([
      ['old', 'done', 'complete'],
      ['q', 'the start and the rest', 'complete'],
    ]);
    expect(calls[0]).to.deep.equal(['start', { query: 'q' }]);
    expect(terminals()).to.deep.equal([
      ['complete', { query: 'q', response: 'the start and the rest', metadata: null }],
    ]);
    const [attempt] = await attempts();
    expect([attempt!.idempotencyKey, attempt!.lastEventId]).to.deep.equal(['k-1', '2']);
  });

  it('restore() without a pending ask ends a streaming answer as INCOMPLETE, keeping its text', async () => {
    const { controller, calls } = setup([[complete()]]);
    await controller.restore([{ query: 'q', response: 'half', metadata: null, error: null, status: 'streaming' }]);
    expect(controller.status).to.equal('error');
    expect(controller.error?.code).to.equal('INCOMPLETE');
    expect(controller.response).to.equal('half');
    expect(calls).to.deep.equal([]);
  });

  it('restore() does not resume text that came without an SSE id (it would show twice)', async () => {
    const { controller, attempts } = setup([[chunk('half'), complete()]]);
    await controller.restore([{ query: 'q', response: 'half', metadata: null, error: null, status: 'streaming' }], {
      idempotencyKey: 'k',
    });
    expect(controller.status).to.equal('error');
    expect(controller.response).to.equal('half');
    expect(await attempts()).to.have.length(0);
  });

  it('restore() of an ask that had received nothing asks again under its key', async () => {
    const { controller, attempts } = setup([[chunk('whole'), complete()]]);
    await controller.restore([{ query: 'q', response: '', metadata: null, error: null, status: 'streaming' }], {
      idempotencyKey: 'k-0',
    });
    expect(controller.response).to.equal('whole');
    expect((await attempts()).map((a) => [a.idempotencyKey, a.lastEventId])).to.deep.equal([['k-0', null]]);
  });
});
