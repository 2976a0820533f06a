import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { AskStreamElement } from '../../src/index.js';
import { SSE_ENDPOINT, chunk, complete, cutOnRelease, data, scripted, type Step } from '../support/script.js';

const EVENTS = ['start', 'chunk', 'metadata', 'complete', 'error', 'cancel'].map((n) => `ask-stream-${n}`);

let listening = new AbortController();
afterEach(() => {
  listening.abort();
  listening = new AbortController();
});

async function widget(...script: Step[]): Promise<{ el: AskStreamElement; log: CustomEvent[] }> {
  const el = await fixture<AskStreamElement>(html`<ask-stream endpoint=${SSE_ENDPOINT}></ask-stream>`);
  el.body = scripted(...script);
  const log: CustomEvent[] = [];
  // On the document: the events must bubble out of the element and its shadow root.
  for (const name of EVENTS)
    document.addEventListener(name, (e) => log.push(e as CustomEvent), { signal: listening.signal });
  return { el, log };
}

const part = (el: AskStreamElement, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: AskStreamElement, name: string) => [
  ...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`),
];
const lastPart = (el: AskStreamElement, name: string) => parts(el, name).at(-1) ?? null;
const terminal = (log: CustomEvent[]) => log.filter((e) => /complete|error|cancel$/.test(e.type));

function type(el: AskStreamElement, text: string): HTMLTextAreaElement {
  const input = part(el, 'input') as HTMLTextAreaElement;
  input.value = text;
  input.dispatchEvent(new Event('input'));
  return input;
}
const key = (target: HTMLElement, k: string, init: KeyboardEventInit = {}) =>
  target.dispatchEvent(
    new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true, ...init }),
  );

describe('<ask-stream>', () => {
  describe('defaults and attributes', () => {
    it('has the documented defaults', async () => {
      const el = await fixture<AskStreamElement>(html`<ask-stream></ask-stream>`);
      expect(el.endpoint).to.equal('/api/ask/stream');
      expect(el.theme).to.equal('auto');
      expect(el.getAttribute('theme')).to.equal('auto');
      expect(el.placeholder).to.equal('Ask a question…');
      expect(el.timeout).to.equal(30000);
      expect(el.headers).to.deep.equal({});
      expect(el.body).to.deep.equal({});
      expect([el.status, el.query, el.response, el.metadata, el.error]).to.deep.equal(['idle', '', '', null, null]);
    });

    it('reads its attributes and reflects theme', async () => {
      const el = await fixture<AskStreamElement>(
        html`<ask-stream endpoint="/x" theme="dark" placeholder="Ask us" timeout="1234"></ask-stream>`,
      );
      expect([el.endpoint, el.theme, el.placeholder, el.timeout]).to.deep.equal(['/x', 'dark', 'Ask us', 1234]);
      expect((part(el, 'input') as HTMLTextAreaElement).placeholder).to.equal('Ask us');
      el.theme = 'light';
      await el.updateComplete;
      expect(el.getAttribute('theme')).to.equal('light');
    });

    it('defining it again is safe', async () => {
      const { defineAskStream, AskStreamElement } = await import('../../src/index.js');
      expect(() => defineAskStream()).not.to.throw();
      expect(customElements.get('ask-stream')).to.equal(AskStreamElement);
    });
  });

  describe('asking', () => {
    it('streams the answer into the answer part and fires start, chunk, metadata, complete', async () => {
      const { el, log } = await widget(
        chunk('Hello ', { index: 0, total: 2 }),
        { delay: 20 },
        chunk('world  ', { index: 1, total: 2 }),
        data({
          type: 'metadata',
          confidence: 0.8,
          sources: [{ title: 'Doc', url: 'https://example.com/doc' }],
          extra: 1,
        }),
        complete(),
      );
      await el.ask('Why?');
      await el.updateComplete;
      expect(el.status).to.equal('complete');
      expect(el.query).to.equal('Why?');
      expect(el.response).to.equal('Hello world  ');
      expect(part(el, 'answer')!.textContent).to.contain('Hello world');
      expect(log.map((e) => e.type)).to.deep.equal([
        'ask-stream-start',
        'ask-stream-chunk',
        'ask-stream-chunk',
        'ask-stream-metadata',
        'ask-stream-complete',
      ]);
      expect(log[0]!.detail).to.deep.equal({ query: 'Why?' });
      expect(log[1]!.detail).to.deep.equal({ content: 'Hello ', index: 0, total: 2 });
      expect(log[3]!.detail).to.deep.equal({
        confidence: 0.8,
        sources: [{ title: 'Doc', url: 'https://example.com/doc' }],
        extra: 1,
      });
      expect(log[4]!.detail).to.deep.equal({ query: 'Why?', response: 'Hello world  ', metadata: el.metadata });
      for (const e of log) expect([e.bubbles, e.composed], e.type).to.deep.equal([true, true]);
    });

    it('fires start before the request is sent', async () => {
      const { el } = await widget(complete());
      const started = oneEvent(el, 'ask-stream-start');
      const done = el.ask('q');
      const event = await started;
      expect(event.detail).to.deep.equal({ query: 'q' });
      expect(el.status).to.equal('streaming');
      await done;
    });

    it('chunk events carry no index or total when the frame had none', async () => {
      const { el, log } = await widget(chunk('x'), complete());
      await el.ask('q');
      expect(log.find((e) => e.type === 'ask-stream-chunk')!.detail).to.deep.equal({ content: 'x' });
    });

    it('sends the headers and body with the question winning', async () => {
      const el = await fixture<AskStreamElement>(html`<ask-stream endpoint="/test/echo"></ask-stream>`);
      el.headers = { 'X-Api-Key': 'k' };
      el.body = { query: 'ignored', lang: 'en' };
      await el.ask('real');
      const request = el.metadata!.request as { headers: Record<string, string>; body: string };
      expect(request.headers['x-api-key']).to.equal('k');
      expect(JSON.parse(request.body)).to.deep.equal({ query: 'real', lang: 'en' });
    });

    it('ignores a whitespace-only query', async () => {
      const { el, log } = await widget(complete());
      await el.ask('   ');
      expect(log).to.deep.equal([]);
      expect(el.status).to.equal('idle');
    });

    it('never rejects, whatever happens', async () => {
      const el = await fixture<AskStreamElement>(html`<ask-stream endpoint="http://127.0.0.1:9/"></ask-stream>`);
      await el.ask('q');
      expect(el.status).to.equal('error');
      expect(el.error!.code).to.equal('NETWORK');
    });

    it('renders model output as text, never as markup', async () => {
      const { el } = await widget(
        chunk('<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'),
        complete(),
      );
      await el.ask('q');
      await el.updateComplete;
      const answer = part(el, 'answer')!;
      expect(answer.querySelector('img, script')).to.equal(null);
      expect(answer.textContent).to.contain('<img src=x');
      expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    });
  });

  describe('errors', () => {
    it('keeps the partial answer and shows a retryable error with a retry control', async () => {
      const cut = cutOnRelease();
      const { el, log } = await widget(chunk('partial answer'), ...cut.steps);
      const done = el.ask('q');
      await waitUntil(() => el.response === 'partial answer');
      await cut.release();
      await done;
      await el.updateComplete;
      expect(el.status).to.equal('error');
      expect(el.response).to.equal('partial answer');
      // WebKit ends a chunked body cut off mid-stream as if complete: INCOMPLETE there.
      const code =
        /AppleWebKit/.test(navigator.userAgent) && !/Chrome|Chromium/.test(navigator.userAgent)
          ? 'INCOMPLETE'
          : 'NETWORK';
      expect(el.error).to.deep.include({ code, retryable: true });
      const error = log.at(-1)!;
      expect(error.type).to.equal('ask-stream-error');
      expect(error.detail).to.deep.include({ query: 'q', code, retryable: true, response: 'partial answer' });
      expect(part(el, 'error')!.textContent).to.contain(el.error!.message);
      expect(part(el, 'answer')!.textContent).to.contain('partial answer');
      const retry = part(el, 'retry')!;
      expect(retry.tagName).to.equal('BUTTON');
      el.body = scripted(chunk('second try'), complete());
      retry.click();
      await oneEvent(el, 'ask-stream-complete');
      expect(el.response).to.equal('second try');
    });

    it('shows no retry control when the error is not retryable', async () => {
      const { el } = await widget(
        data({ type: 'error', message: 'Bad question', code: 'BAD_REQUEST', retryable: false }),
      );
      await el.ask('q');
      await el.updateComplete;
      expect(el.error).to.deep.equal({ code: 'BAD_REQUEST', message: 'Bad question', retryable: false });
      expect(part(el, 'error')!.textContent).to.contain('Bad question');
      expect(part(el, 'retry')).to.equal(null);
    });

    it('fails with TIMEOUT after `timeout` ms of silence', async () => {
      const { el } = await widget(chunk('a'), { hang: true });
      // Long enough for the first chunk to arrive on a loaded machine, short for a test.
      el.timeout = 600;
      await el.ask('q');
      expect(el.error).to.deep.include({ code: 'TIMEOUT', retryable: true });
      expect(el.response).to.equal('a');
    });

    for (const [script, code, retryable] of [
      [[{ status: 503 }], 'HTTP_ERROR', true],
      [[{ status: 403 }], 'HTTP_ERROR', false],
      [[{ headers: { 'content-type': 'application/json' } }, { write: '{"a":1}' }], 'BAD_CONTENT_TYPE', false],
      [[chunk('x')], 'INCOMPLETE', true],
    ] as Array<[Step[], string, boolean]>) {
      it(`reports ${code}${retryable ? ' (retryable)' : ''}`, async () => {
        const { el, log } = await widget(...script);
        await el.ask('q');
        expect(el.error).to.deep.include({ code, retryable });
        expect(terminal(log).map((e) => e.type)).to.deep.equal(['ask-stream-error']);
        await el.updateComplete;
        expect(!!part(el, 'retry')).to.equal(retryable);
      });
    }
  });

  describe('cancel, supersede, retry', () => {
    it('cancel() keeps the partial answer and fires one cancel', async () => {
      const { el, log } = await widget(chunk('so far'), { hang: true });
      const done = el.ask('q');
      await waitUntil(() => el.response === 'so far');
      el.cancel();
      await done;
      expect(el.status).to.equal('cancelled');
      expect(terminal(log).map((e) => [e.type, e.detail])).to.deep.equal([
        ['ask-stream-cancel', { query: 'q', response: 'so far' }],
      ]);
    });

    it('cancel() and retry() are no-ops when there is nothing to do', async () => {
      const { el, log } = await widget(complete());
      el.cancel();
      await el.retry();
      expect(log).to.deep.equal([]);
      expect(el.status).to.equal('idle');
    });

    it('a newer ask ends the older one as cancel, and each ask ends exactly once', async () => {
      const { el, log } = await widget(chunk('old'), { hang: true });
      const first = el.ask('first');
      await waitUntil(() => el.response === 'old');
      el.body = scripted(chunk('new'), complete());
      const second = el.ask('second');
      await Promise.all([first, second]);
      expect(terminal(log).map((e) => [e.type, e.detail.query])).to.deep.equal([
        ['ask-stream-cancel', 'first'],
        ['ask-stream-complete', 'second'],
      ]);
      expect([el.query, el.response, el.status]).to.deep.equal(['second', 'new', 'complete']);
    });
  });

  describe('the form', () => {
    it('asks on Enter, clears the input, swaps send for cancel while streaming, and Escape cancels', async () => {
      const { el, log } = await widget(chunk('streaming…'), { hang: true });
      const input = type(el, 'How?');
      const started = oneEvent(el, 'ask-stream-start');
      key(input, 'Enter');
      await started;
      expect(el.query).to.equal('How?');
      expect(input.value).to.equal('');
      await waitUntil(() => el.response === 'streaming…');
      await el.updateComplete;
      expect(part(el, 'send')).to.equal(null);
      expect(part(el, 'cancel')!.tagName).to.equal('BUTTON');
      expect(input.disabled).to.equal(false);
      expect(input.readOnly).to.equal(false);
      type(el, 'next question');
      key(input, 'Escape');
      expect(el.status).to.equal('cancelled');
      expect(input.value).to.equal('next question');
      await el.updateComplete;
      expect(part(el, 'send')).not.to.equal(null);
      expect(part(el, 'cancel')).to.equal(null);
      expect(terminal(log).map((e) => e.type)).to.deep.equal(['ask-stream-cancel']);
    });

    it('the cancel button cancels', async () => {
      const { el } = await widget({ hang: true });
      const done = el.ask('q');
      await el.updateComplete;
      part(el, 'cancel')!.click();
      await done;
      expect(el.status).to.equal('cancelled');
    });

    it('the send button asks; Shift+Enter does not', async () => {
      const { el } = await widget(complete());
      const input = type(el, 'line one');
      key(input, 'Enter', { shiftKey: true });
      expect(el.status).to.equal('idle');
      part(el, 'send')!.click();
      await oneEvent(el, 'ask-stream-complete');
      expect(el.query).to.equal('line one');
    });

    it('has the form, input and send parts with accessible names', async () => {
      const { el } = await widget();
      expect(part(el, 'form')!.tagName).to.equal('FORM');
      const input = part(el, 'input') as HTMLTextAreaElement;
      expect(input.labels?.[0]?.textContent?.trim()).to.equal('Your question');
      expect(part(el, 'send')!.textContent!.trim()).to.equal('Ask');
    });
  });

  describe('sources', () => {
    it('lists sources under the answer as numbered cards: safe absolute URLs linked, the rest as text', async () => {
      const sources = [
        { title: 'Guide', url: 'https://example.com/guide' },
        { title: 'Relative', url: '/docs/x' },
        { title: 'Evil', url: 'javascript:alert(1)' },
        { url: 'http://example.org/bare' },
        'https://example.net/string-url',
        'Just a title',
      ];
      const { el } = await widget(chunk('A'), data({ type: 'metadata', sources }), complete());
      await el.ask('q');
      await el.updateComplete;
      const items = parts(el, 'source');
      // Number, title, domain (for a link), snippet: each a line of the card.
      const card = (li: Element) => [...li.querySelectorAll('span')].map((s) => s.textContent);
      expect(items.map(card)).to.deep.equal([
        ['1', 'Guide', 'example.com'],
        ['2', 'Relative'],
        ['3', 'Evil'],
        ['4', 'http://example.org/bare', 'example.org'],
        ['5', 'https://example.net/string-url', 'example.net'],
        ['6', 'Just a title'],
      ]);
      const hrefs = items.map((li) => li.querySelector('a')?.getAttribute('href') ?? null);
      expect(hrefs).to.deep.equal([
        'https://example.com/guide',
        null,
        null,
        'http://example.org/bare',
        'https://example.net/string-url',
        null,
      ]);
      const link = items[0]!.querySelector('a')!;
      expect(link.rel).to.equal('noopener noreferrer');
      expect(link.target).to.equal('_blank');
      // The sources come after the answer.
      const answer = lastPart(el, 'answer')!;
      expect(
        answer.compareDocumentPosition(lastPart(el, 'sources')!) & Node.DOCUMENT_POSITION_FOLLOWING,
      ).to.be.greaterThan(0);
    });
  });
});
