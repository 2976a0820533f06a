import { expect, waitUntil } from '@open-wc/testing';
import type { AskStreamElement } from '../../src/index.js';
import { chunk, complete, data, scripted } from '../support/script.js';

// The built dist/ask-stream.js, loaded by a plain page with a plain <script
// type="module"> (served raw, no test-runner transforms): a build that emits
// code the browser cannot run fails here.

async function openPage(path: string): Promise<Window & typeof globalThis> {
  const frame = document.createElement('iframe');
  frame.src = path;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as Window & typeof globalThis;
  await win.customElements.whenDefined('ask-stream');
  return win;
}

async function askIn(win: Window & typeof globalThis): Promise<AskStreamElement> {
  const el = win.document.querySelector('ask-stream') as AskStreamElement;
  el.body = scripted(
    chunk('# Built\n\nA **streamed** answer with `code`.\n\n'),
    chunk('```js\nconsole.log(1)\n```\n'),
    data({ type: 'metadata', sources: [{ title: 'Docs', url: 'https://example.com' }] }),
    complete(),
  );
  await el.ask('Does the bundle work?');
  await el.updateComplete;
  return el;
}

describe('dist/ask-stream.js in a plain page', () => {
  before(async () => {
    const built = await fetch('/plain/ask-stream.js', { method: 'HEAD' });
    expect(built.ok, 'dist/ask-stream.js exists (npm test builds it first)').to.equal(true);
  });
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('defines the element, exports the API, and streams an answer', async () => {
    const win = await openPage('/plain/page.html');
    const api = (await (win as unknown as { eval(s: string): Promise<Record<string, unknown>> }).eval(
      'import("/plain/ask-stream.js")',
    )) as Record<string, unknown>;
    for (const name of ['AskStreamElement', 'AskStreamCompleteEvent', 'AskStreamErrorEvent', 'parseEventStream']) {
      expect(api, name).to.have.property(name);
    }
    expect(win.customElements.get('ask-stream')).to.equal(api.AskStreamElement);
    const el = await askIn(win);
    expect(el.status).to.equal('complete');
    expect(el.response).to.contain('A **streamed** answer');
    const answer = el.shadowRoot!.querySelector('[part~="answer"]')!;
    await waitUntil(() => answer.textContent!.includes('streamed answer'));
    expect(el.shadowRoot!.querySelector('[part~="source"] a')!.getAttribute('href')).to.equal('https://example.com/');
  });

  it('works under a strict CSP with Trusted Types enforced', async () => {
    const violations: string[] = [];
    const win = await openPage('/plain/csp.html');
    win.document.addEventListener('securitypolicyviolation', (e) =>
      violations.push(`${e.violatedDirective}: ${e.blockedURI}`),
    );
    const el = await askIn(win);
    expect(el.status).to.equal('complete');
    expect(el.shadowRoot!.querySelector('[part~="answer"]')!.textContent).to.contain('streamed');
    expect(violations).to.deep.equal([]);
  });
});
