import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { AskStreamElement } from '../../src/index.js';
import { SSE_ENDPOINT, chunk, complete, data, hold, scripted } from '../support/script.js';

const status = (el: AskStreamElement) => el.shadowRoot!.querySelector<HTMLElement>('[role="status"]')!;

describe('the status region', () => {
  it('is a single polite, visually hidden region; the transcript does not announce tokens', async () => {
    const el = await fixture<AskStreamElement>(html`<ask-stream endpoint=${SSE_ENDPOINT}></ask-stream>`);
    expect(el.shadowRoot!.querySelectorAll('[role="status"]')).to.have.length(1);
    expect(status(el).classList.contains('visually-hidden')).to.equal(true);
    expect(el.shadowRoot!.querySelector('[part~="transcript"]')!.getAttribute('aria-live')).to.equal('off');
  });

  it('says "Answering…", then "Answer complete" with the number of sources, over a whole ask', async () => {
    const el = await fixture<AskStreamElement>(html`<ask-stream endpoint=${SSE_ENDPOINT}></ask-stream>`);
    const seen: string[] = [status(el).textContent!.trim()];
    const observer = new MutationObserver(() => seen.push(status(el).textContent!.trim()));
    observer.observe(status(el), { subtree: true, characterData: true, childList: true });
    const gate = hold();
    el.body = scripted(
      chunk('One '),
      gate.step,
      chunk('two.'),
      data({ type: 'metadata', sources: ['https://a.example', 'https://b.example'] }),
      complete(),
    );
    const done = el.ask('q');
    await waitUntil(() => el.response === 'One ', 'first chunk');
    await el.updateComplete;
    expect(status(el).textContent!.trim()).to.equal('Answering…');
    await gate.release();
    await done;
    await el.updateComplete;
    observer.disconnect();
    expect([...new Set(seen)]).to.deep.equal(['', 'Answering…', 'Answer complete, with 2 sources.']);
  });

  it('says when the answer was stopped, and leaves errors to their alert', async () => {
    const el = await fixture<AskStreamElement>(html`<ask-stream endpoint=${SSE_ENDPOINT}></ask-stream>`);
    el.body = scripted(chunk('x'), { hang: true });
    void el.ask('q');
    await waitUntil(() => el.response === 'x');
    el.cancel();
    await el.updateComplete;
    expect(status(el).textContent!.trim()).to.equal('Stopped before the answer was complete.');
    el.body = scripted(data({ type: 'error', message: 'Overloaded' }));
    await el.ask('q2');
    await el.updateComplete;
    expect(status(el).textContent!.trim()).to.equal('');
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Overloaded');
  });
});
