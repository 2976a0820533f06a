// The controller's side of `history`: which earlier exchanges an ask sends,
// seen in the body that reached a real endpoint (the test server's echo).
import { expect } from '@open-wc/testing';
import type { ReactiveControllerHost } from 'lit';
import { AskStreamController, type RequestOptions } from '../../src/controller/index.js';
import { ECHO_ENDPOINT, SSE_ENDPOINT, chunk, complete, data, scripted, type Step } from '../support/script.js';

class Host implements ReactiveControllerHost {
  addController() {}
  removeController() {}
  requestUpdate() {}
  get updateComplete() {
    return Promise.resolve(true);
  }
}

/** A controller whose next ask goes where `next` says. */
function setup() {
  let next: RequestOptions = { endpoint: SSE_ENDPOINT };
  const controller = new AskStreamController(new Host(), { request: () => next });
  /** Asks `query`, answered by `script`. */
  const answer = (query: string, ...script: Step[]) => {
    next = { endpoint: SSE_ENDPOINT, body: scripted(...script), retries: 0 };
    return controller.ask(query);
  };
  /** Asks `query` of the echo endpoint with `history`; the JSON body it received. */
  const sent = async (query: string, history?: number) => {
    next = { endpoint: ECHO_ENDPOINT, body: { lang: 'en' }, history };
    await controller.ask(query);
    const request = controller.metadata?.request as { body: string } | undefined;
    expect(request, 'the echo endpoint answered').to.not.equal(undefined);
    return JSON.parse(request!.body) as Record<string, unknown>;
  };
  return { controller, answer, sent };
}

describe('AskStreamController: history', () => {
  it('sends no history by default, nor with 0', async () => {
    const { answer, sent } = setup();
    await answer('one', chunk('One.'), complete());
    expect(await sent('two')).to.deep.equal({ lang: 'en', query: 'two' });
    expect(await sent('three', 0)).to.deep.equal({ lang: 'en', query: 'three' });
  });

  it('sends the newest complete exchanges before the ask, oldest first: not failed, stopped or current ones', async () => {
    const { controller, answer, sent } = setup();
    await answer('one', chunk('One.'), complete());
    await answer(
      'two',
      chunk('Tw'),
      data({ type: 'error', code: 'BACKEND_UNAVAILABLE', message: 'x', retryable: true }),
    );
    expect(controller.status).to.equal('error');
    const stopped = answer('three', chunk('Thr'), { hang: true });
    controller.cancel();
    await stopped;
    expect(controller.status).to.equal('cancelled');
    await answer('four', chunk('Four '), chunk('**bold**'), complete());

    expect((await sent('five', 5)).history).to.deep.equal([
      { query: 'one', response: 'One.' },
      { query: 'four', response: 'Four **bold**' },
    ]);
    // 'five' (answered by the echo, with no text) is now the newest complete exchange.
    expect((await sent('six', 2)).history).to.deep.equal([
      { query: 'four', response: 'Four **bold**' },
      { query: 'five', response: '' },
    ]);
  });

  it('sends the same history when it asks a failed question again', async () => {
    const { controller, answer, sent } = setup();
    await answer('one', chunk('One.'), complete());
    await answer('two', { status: 503, headers: { 'content-type': 'text/plain' } });
    expect(controller.status).to.equal('error');
    expect((await sent('two', 3)).history).to.deep.equal([{ query: 'one', response: 'One.' }]);
  });

  it('starts from nothing after clear()', async () => {
    const { controller, answer, sent } = setup();
    await answer('one', chunk('One.'), complete());
    controller.clear();
    expect(await sent('two', 3)).to.deep.equal({ lang: 'en', query: 'two' });
  });
});
