import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { AskStreamElement, AskStreamFeedbackEvent } from '../../src/index.js';
import { SSE_ENDPOINT, chunk, complete, data, recorded, scripted, type Step } from '../support/script.js';

const ANSWER: Step[] = [
  chunk('Use **npm**:\n\n```bash\nnpm i ask-stream\n```\n'),
  data({ type: 'metadata', sources: ['https://example.com/a'] }),
  complete(),
];

async function answered(attrs: { feedbackEndpoint?: string } = {}): Promise<AskStreamElement> {
  const el = await fixture<AskStreamElement>(
    html`<ask-stream endpoint=${SSE_ENDPOINT} feedback-endpoint=${attrs.feedbackEndpoint ?? ''}></ask-stream>`,
  );
  if (!attrs.feedbackEndpoint) el.removeAttribute('feedback-endpoint');
  el.headers = { 'X-Tenant': 'docs' };
  el.body = scripted(...ANSWER);
  await el.ask('How do I install it?');
  await el.updateComplete;
  return el;
}

const part = (el: AskStreamElement, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

describe('answer actions', () => {
  const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
  afterEach(() => {
    delete (navigator as { clipboard?: unknown }).clipboard;
    if (original) Object.defineProperty(Navigator.prototype, 'clipboard', original);
  });

  it('shows copy and rating buttons under a complete answer only', async () => {
    const el = await fixture<AskStreamElement>(html`<ask-stream endpoint=${SSE_ENDPOINT}></ask-stream>`);
    el.body = scripted(chunk('Partial'), { hang: true });
    void el.ask('q');
    await waitUntil(() => el.response === 'Partial', 'streaming');
    await el.updateComplete;
    expect(part(el, 'copy-answer')?.outerHTML ?? null).to.equal(null);
    el.cancel();
    await el.updateComplete;
    expect(part(el, 'feedback-up')?.outerHTML ?? null).to.equal(null);
    el.body = scripted(...ANSWER);
    await el.ask('q2');
    await el.updateComplete;
    for (const name of ['copy-answer', 'feedback-up', 'feedback-down']) {
      const button = part(el, name)!;
      expect(button.tagName, name).to.equal('BUTTON');
      expect(button.getAttribute('aria-label'), name).to.not.equal(null);
    }
    expect(part(el, 'feedback-up')!.getAttribute('aria-pressed')).to.equal('false');
  });

  it("copies the answer's Markdown source", async () => {
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: async (t: string) => void copied.push(t) },
      configurable: true,
    });
    const el = await answered();
    const button = part(el, 'copy-answer')!;
    button.click();
    await waitUntil(() => button.dataset.label === 'Copied', 'labelled Copied');
    expect(copied).to.deep.equal([el.response]);
    expect(copied[0]).to.contain('```bash');
  });

  it('fires ask-stream-feedback for a rating, and again with the reason after a thumbs-down', async () => {
    const el = await answered();
    const events: AskStreamFeedbackEvent[] = [];
    el.addEventListener('ask-stream-feedback', (e) => events.push(e));
    part(el, 'feedback-up')!.click();
    await el.updateComplete;
    expect(part(el, 'feedback-up')!.getAttribute('aria-pressed')).to.equal('true');
    part(el, 'feedback-up')!.click(); // the same rating again: nothing new
    part(el, 'feedback-down')!.click();
    await el.updateComplete;
    expect([
      part(el, 'feedback-up')!.getAttribute('aria-pressed'),
      part(el, 'feedback-down')!.getAttribute('aria-pressed'),
    ]).to.deep.equal(['false', 'true']);
    const reason = part(el, 'feedback-reason') as HTMLInputElement;
    reason.value = '  Out of date  ';
    part(el, 'feedback-send')!.click();
    await el.updateComplete;
    expect(part(el, 'feedback-reason')?.outerHTML ?? null).to.equal(null);
    const base = { query: 'How do I install it?', response: el.response, metadata: el.metadata };
    expect(events.map((e) => e.detail)).to.deep.equal([
      { ...base, rating: 'up' },
      { ...base, rating: 'down' },
      { ...base, rating: 'down', reason: 'Out of date' },
    ]);
    expect(events.every((e) => e.bubbles && e.composed)).to.equal(true);
  });

  it('POSTs each rating to feedback-endpoint as JSON, with the headers', async () => {
    const tag = `fb-${Date.now()}`;
    const el = await answered({ feedbackEndpoint: `/test/record?tag=${tag}` });
    part(el, 'feedback-down')!.click();
    await waitUntil(async () => (await recorded(tag)).length === 1, 'the POST arrived');
    const [request] = await recorded(tag);
    expect(request!.method).to.equal('POST');
    expect(request!.headers['content-type']).to.equal('application/json');
    expect(request!.headers['x-tenant']).to.equal('docs');
    expect(JSON.parse(request!.body)).to.deep.equal({
      query: 'How do I install it?',
      response: el.response,
      metadata: el.metadata,
      rating: 'down',
    });
  });

  it('warns in the console when the feedback endpoint fails, and never reports an error', async () => {
    const tag = `fb-fail-${Date.now()}`;
    const el = await answered({ feedbackEndpoint: `/test/record?tag=${tag}&status=500` });
    const warn = console.warn;
    const warned: unknown[][] = [];
    console.warn = (...args: unknown[]) => void warned.push(args);
    const errors: Event[] = [];
    el.addEventListener('ask-stream-error', (e) => errors.push(e));
    try {
      const fired = oneEvent(el, 'ask-stream-feedback');
      part(el, 'feedback-up')!.click();
      await fired;
      await waitUntil(() => warned.length > 0, 'a console warning');
    } finally {
      console.warn = warn;
    }
    expect(String(warned[0]![0])).to.contain('feedback');
    expect(errors).to.have.length(0);
    expect([el.status, el.error]).to.deep.equal(['complete', null]);
    expect(part(el, 'error')?.outerHTML ?? null).to.equal(null);
  });
});
