import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AskStreamController, type RequestOptions } from '../../src/controller/index.js';
import { answerWith, frame, pushStream, sseHeaders, type PushStream } from '../support/streams.js';
import { ECHO_ENDPOINT, SSE_ENDPOINT, chunk, complete, data, scripted, type Step } from '../support/script.js';

/** The smallest ReactiveControllerHost: counts update requests, no DOM. */
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

function setup(request: () => RequestOptions) {
  const host = new Host();
  const calls: Call[] = [];
  const waiting: Array<[string, () => void]> = [];
  const record = (name: string) => (detail: unknown) => {
    calls.push([name, detail]);
    for (const [wanted, resolve] of waiting.splice(0)) {
      if (wanted === name) resolve();
      else waiting.push([wanted, resolve]);
    }
  };
  /** Resolves at the next `name` callback. */
  const next = (name: string) => new Promise<void>((resolve) => waiting.push([name, resolve]));
  const controller = new AskStreamController(host, {
    request,
    onStart: record('start'),
    onChunk: record('chunk'),
    onMetadata: record('metadata'),
    onComplete: record('complete'),
    onError: record('error'),
    onCancel: record('cancel'),
  });
  const terminals = () => calls.filter(([n]) => n === 'complete' || n === 'error' || n === 'cancel');
  return { host, calls, controller, terminals, next };
}

const scriptedRequest =
  (...script: Step[]) =>
  () => ({ endpoint: SSE_ENDPOINT, body: scripted(...script) });

/** Pushes a chunk into `stream`; resolves once the controller has passed it on (so the ask is reading). */
async function deliver(stream: PushStream, content: string, next: (name: string) => Promise<void>): Promise<void> {
  const passedOn = next('chunk');
  stream.push(frame({ type: 'chunk', content }));
  await passedOn;
}

/** Each ask gets the next push stream, so a test controls every answer byte by byte. */
function pushedRequests(count: number): { streams: PushStream[]; request: () => RequestOptions } {
  const streams = Array.from({ length: count }, pushStream);
  let next = 0;
  return {
    streams,
    request: () => {
      const s = streams[next++]!;
      return { endpoint: '/x', fetch: answerWith(new Response(s.stream, { headers: sseHeaders })) };
    },
  };
}

describe('AskStreamController', () => {
  it('registers with its host and starts idle', () => {
    const { host, controller } = setup(scriptedRequest());
    expect(host.controllers).to.deep.equal([controller]);
    expect(controller.status).to.equal('idle');
    expect([controller.query, controller.response, controller.metadata, controller.error]).to.deep.equal([
      '',
      '',
      null,
      null,
    ]);
  });

  it('streams an answer to complete, in order, with exactly one terminal call', async () => {
    const { controller, calls, terminals } = setup(
      scriptedRequest(
        chunk('Hello', { index: 0, total: 2 }),
        chunk(', world', { index: 1, total: 2 }),
        data({ type: 'metadata', confidence: 0.5, sources: ['a'] }),
        complete(),
      ),
    );
    const done = controller.ask('hi');
    expect(controller.status).to.equal('streaming');
    expect(calls[0]).to.deep.equal(['start', { query: 'hi' }]);
    await done;
    expect(controller.status).to.equal('complete');
    expect(controller.response).to.equal('Hello, world');
    expect(controller.metadata).to.deep.equal({ confidence: 0.5, sources: ['a'] });
    expect(calls.map(([n]) => n)).to.deep.equal(['start', 'chunk', 'chunk', 'metadata', 'complete']);
    expect(calls[1]).to.deep.equal(['chunk', { content: 'Hello', index: 0, total: 2 }]);
    expect(calls[4]).to.deep.equal([
      'complete',
      { query: 'hi', response: 'Hello, world', metadata: { confidence: 0.5, sources: ['a'] } },
    ]);
    expect(terminals()).to.have.length(1);
  });

  it('a whitespace-only query does nothing', async () => {
    const { controller, calls } = setup(scriptedRequest(complete()));
    await controller.ask('  \n\t ');
    expect(calls).to.deep.equal([]);
    expect(controller.status).to.equal('idle');
  });

  it('a server error frame keeps the partial answer, its code and retryable, with defaults', async () => {
    const { controller, calls } = setup(
      scriptedRequest(chunk('partial'), data({ type: 'error', message: 'Overloaded' })),
    );
    await controller.ask('q');
    expect(controller.status).to.equal('error');
    expect(controller.response).to.equal('partial');
    expect(controller.error).to.deep.equal({ code: 'SERVER_ERROR', message: 'Overloaded', retryable: false });
    expect(calls.at(-1)).to.deep.equal([
      'error',
      { query: 'q', code: 'SERVER_ERROR', message: 'Overloaded', retryable: false, response: 'partial' },
    ]);
  });

  it('a client error keeps the partial answer', async () => {
    const { controller } = setup(scriptedRequest(chunk('half an '), chunk('answer')));
    await controller.ask('q');
    expect(controller.error?.code).to.equal('INCOMPLETE');
    expect(controller.response).to.equal('half an answer');
  });

  it('cancel() ends the ask as cancelled, keeps the partial answer, and resolves ask()', async () => {
    const { streams, request } = pushedRequests(1);
    const { controller, calls, terminals, next } = setup(request);
    const done = controller.ask('q');
    await deliver(streams[0]!, 'so far', next);
    controller.cancel();
    await done;
    await streams[0]!.cancelled;
    expect(controller.status).to.equal('cancelled');
    expect(controller.response).to.equal('so far');
    expect(calls.at(-1)).to.deep.equal(['cancel', { query: 'q', response: 'so far' }]);
    expect(terminals()).to.have.length(1);
  });

  it('cancel() before the response arrives ends the ask at once', async () => {
    const { controller, terminals } = setup(scriptedRequest({ delayHeaders: 5000 }, complete()));
    const done = controller.ask('q');
    controller.cancel();
    await done;
    expect(controller.status).to.equal('cancelled');
    expect(terminals()).to.deep.equal([['cancel', { query: 'q', response: '' }]]);
  });

  it('cancel() with nothing in flight is a no-op', async () => {
    const { controller, calls } = setup(scriptedRequest(complete()));
    controller.cancel();
    await controller.ask('q');
    controller.cancel();
    expect(controller.status).to.equal('complete');
    expect(calls.map(([n]) => n)).to.deep.equal(['start', 'complete']);
  });

  it('a newer ask supersedes: the old one ends as cancel before the new start, and never writes again', async () => {
    const { streams, request } = pushedRequests(2);
    const { controller, calls, terminals, next } = setup(request);
    const first = controller.ask('first');
    await deliver(streams[0]!, 'old', next);
    const second = controller.ask('second');
    expect(calls.slice(-2)).to.deep.equal([
      ['cancel', { query: 'first', response: 'old' }],
      ['start', { query: 'second' }],
    ]);
    await first;
    // The old stream goes on talking: nobody listens.
    try {
      streams[0]!.push(frame({ type: 'chunk', content: 'stale' }) + frame({ type: 'complete', success: true }));
    } catch {
      // Already cancelled by the reader: also fine.
    }
    streams[1]!.push(frame({ type: 'chunk', content: 'new' }) + frame({ type: 'complete', success: true }));
    await second;
    expect(controller.query).to.equal('second');
    expect(controller.response).to.equal('new');
    expect(controller.status).to.equal('complete');
    expect(terminals().map(([n]) => n)).to.deep.equal(['cancel', 'complete']);
    expect(controller.exchanges.map((e) => [e.query, e.response, e.status])).to.deep.equal([
      ['first', 'old', 'cancelled'],
      ['second', 'new', 'complete'],
    ]);
  });

  it('retry() asks the last query again, and is a no-op before the first ask', async () => {
    const { controller, calls } = setup(scriptedRequest(chunk('x'), complete()));
    await controller.retry();
    expect(calls).to.deep.equal([]);
    await controller.ask('again?');
    await controller.retry();
    expect(calls.filter(([n]) => n === 'start')).to.deep.equal([
      ['start', { query: 'again?' }],
      ['start', { query: 'again?' }],
    ]);
    expect(controller.exchanges).to.have.length(2);
  });

  it('merges metadata frames', async () => {
    const { controller } = setup(
      scriptedRequest(
        data({ type: 'metadata', confidence: 0.7 }),
        data({ type: 'metadata', sources: ['s'] }),
        complete(),
      ),
    );
    await controller.ask('q');
    expect(controller.metadata).to.deep.equal({ confidence: 0.7, sources: ['s'] });
  });

  it('clear() empties the transcript, cancelling an ask in flight', async () => {
    const { streams, request } = pushedRequests(1);
    const { controller, terminals, next } = setup(request);
    const done = controller.ask('q');
    // In flight for certain: the client is reading the body.
    await deliver(streams[0]!, 'so far', next);
    controller.clear();
    await done;
    expect(terminals().map(([n]) => n)).to.deep.equal(['cancel']);
    expect(controller.exchanges).to.deep.equal([]);
    expect(controller.status).to.equal('idle');
    await streams[0]!.cancelled;
  });

  it('cancels when the host disconnects', async () => {
    const { streams, request } = pushedRequests(1);
    const { controller, terminals, next } = setup(request);
    const done = controller.ask('q');
    await deliver(streams[0]!, 'so far', next);
    controller.hostDisconnected();
    await done;
    expect(terminals().map(([n]) => n)).to.deep.equal(['cancel']);
    await streams[0]!.cancelled;
  });

  it('reads the request options afresh for every ask', async () => {
    let endpoint = ECHO_ENDPOINT;
    const { controller } = setup(() => ({ endpoint, body: scripted(chunk('scripted'), complete()) }));
    await controller.ask('q');
    expect(controller.metadata?.request, 'the echo endpoint answered').to.not.equal(undefined);
    endpoint = SSE_ENDPOINT;
    await controller.ask('q');
    expect(controller.response).to.equal('scripted');
  });

  it('requests an update for each change', async () => {
    const { host, controller } = setup(scriptedRequest(chunk('a'), chunk('b'), complete()));
    await controller.ask('q');
    // start, two chunks, the end
    expect(host.updates).to.equal(4);
  });
});
