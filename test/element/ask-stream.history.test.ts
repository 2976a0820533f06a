// The `history` attribute, end to end: the widget asks the real handler (the
// demo backend, mounted by the test server), then the echo endpoint shows the
// request body the next ask carried.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { AskStreamCompleteEvent, AskStreamElement } from '../../src/index.js';
import { ECHO_ENDPOINT } from '../support/script.js';

const HANDLER = '/api/ask/stream';

/** The JSON body of the ask that reached the echo endpoint. */
function echoedBody(el: AskStreamElement): Record<string, unknown> {
  const request = el.metadata?.request as { body: string } | undefined;
  expect(request, 'the echo endpoint answered').to.not.equal(undefined);
  return JSON.parse(request!.body) as Record<string, unknown>;
}

describe('<ask-stream history>', () => {
  it('is 0 (off) by default: the body carries no history', async () => {
    const el = await fixture<AskStreamElement>(html`<ask-stream endpoint=${HANDLER}></ask-stream>`);
    expect(el.history).to.equal(0);
    await el.ask('What is ask-stream?');
    expect(el.status).to.equal('complete');
    el.endpoint = ECHO_ENDPOINT;
    await el.ask('And then?');
    expect(echoedBody(el)).to.deep.equal({ query: 'And then?' });
  });

  it('sends the last N complete exchanges, oldest first, which the real handler accepts', async () => {
    const el = await fixture<AskStreamElement>(html`<ask-stream endpoint=${HANDLER} history="2"></ask-stream>`);
    expect(el.history).to.equal(2);
    const answered: { query: string; response: string }[] = [];
    el.addEventListener('ask-stream-complete', (e: AskStreamCompleteEvent) => {
      answered.push({ query: e.detail.query, response: e.detail.response });
    });
    // Each ask after the first carries history to the handler, which would refuse a malformed one.
    for (const query of ['What is ask-stream?', 'How do I install it?', 'Is it accessible?']) {
      await el.ask(query);
      expect(el.status, el.error?.message).to.equal('complete');
    }
    expect(answered.length).to.equal(3);
    expect(answered.every((a) => a.response.length > 0)).to.equal(true);

    const lastTwo = answered.slice(1);
    el.endpoint = ECHO_ENDPOINT;
    el.body = { lang: 'en' };
    await el.ask('Does it do dark mode?');
    expect(echoedBody(el)).to.deep.equal({
      lang: 'en',
      query: 'Does it do dark mode?',
      history: lastTwo,
    });
  });

  it('follows the property: set to 1, the next ask sends one exchange', async () => {
    const el = await fixture<AskStreamElement>(html`<ask-stream endpoint=${HANDLER}></ask-stream>`);
    await el.ask('What is ask-stream?');
    const response = el.response;
    el.history = 1;
    el.endpoint = ECHO_ENDPOINT;
    await el.ask('More?');
    expect(echoedBody(el).history).to.deep.equal([{ query: 'What is ask-stream?', response }]);
  });
});
