// End to end in a real browser: <ask-stream> against the real server handler
// (demo backend), mounted in the test runner's dev server by
// test/support/handler-middleware.mjs. Nothing is faked between them.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../src/index.js';
import type { AskStreamElement } from '../src/index.js';

interface CompleteDetail {
  query: string;
  response: string;
  metadata: { confidence?: number; sources?: ({ title?: string; url?: string } | string)[] } | null;
}

describe('<ask-stream> against the real handler (demo backend)', () => {
  it('streams a cited answer to "How do I theme it?"', async () => {
    // The default endpoint: the handler is mounted where the widget looks first.
    const el = await fixture<AskStreamElement>(html`<ask-stream></ask-stream>`);
    const chunks: string[] = [];
    el.addEventListener('ask-stream-chunk', (e) => chunks.push((e as CustomEvent<{ content: string }>).detail.content));
    const completed = oneEvent(el, 'ask-stream-complete');
    void el.ask('How do I theme it?');
    const { detail } = (await completed) as CustomEvent<CompleteDetail>;

    expect(detail.query).to.equal('How do I theme it?');
    expect(detail.response).to.not.equal('');
    expect(detail.response).to.contain('--ask-stream-');
    // Streamed in many pieces, reassembled exactly.
    expect(chunks.length).to.be.greaterThan(5);
    expect(chunks.join('')).to.equal(detail.response);
    expect(el.response).to.equal(detail.response);

    const sources = detail.metadata?.sources ?? [];
    expect(sources.length).to.be.greaterThan(0);
    expect(sources[0]).to.deep.include({ title: 'Theming and styling' });
    expect(detail.metadata?.confidence).to.be.within(0, 1);
    expect(el.status).to.equal('complete');

    await el.updateComplete;
    const shown = el.shadowRoot!.querySelector('[part~="sources"]');
    expect(shown?.textContent).to.contain('Theming and styling');
  });

  it('shows the server BAD_REQUEST for an over-long question, not retryable', async () => {
    const el = await fixture<AskStreamElement>(html`<ask-stream></ask-stream>`);
    const failed = oneEvent(el, 'ask-stream-error');
    void el.ask('x'.repeat(4001));
    const { detail } = (await failed) as CustomEvent<{ code: string; retryable: boolean; message: string }>;
    expect(detail.code).to.equal('BAD_REQUEST');
    expect(detail.retryable).to.equal(false);
    expect(detail.message).to.contain('4000');
  });
});
