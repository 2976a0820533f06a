import { expect, waitUntil } from '@open-wc/testing';
import type { AskStreamElement } from '../../src/index.js';
import { chunk, complete, data, scripted } from '../support/script.js';

// The built dist/ask-stream.js, loaded by a plain page with a plain <script
// type="module"> (served raw, no test-runner transforms): a build that emits
// code the browser cannot run fails here.

type PlainWindow = Window & typeof globalThis & { cspViolations: SecurityPolicyViolationEvent[] };

async function openPage(path: string): Promise<PlainWindow> {
  const frame = document.createElement('iframe');
  frame.src = path;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as PlainWindow;
  await win.customElements.whenDefined('ask-stream');
  return win;
}

/** A full answer: Markdown with code, sources and a confidence bar. */
async function askIn(win: PlainWindow): Promise<AskStreamElement> {
  const el = win.document.querySelector('ask-stream') as AskStreamElement;
  el.body = scripted(
    chunk('# Built\n\nA **streamed** answer with `code`.\n\n'),
    chunk('```js\nconsole.log(1)\n```\n'),
    data({ type: 'metadata', confidence: 0.9, sources: [{ title: 'Docs', url: 'https://example.com' }] }),
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

  it('works under a strict CSP for scripts and styles, with Trusted Types enforced', async () => {
    const policy = (await fetch('/plain/csp.html', { method: 'HEAD' })).headers.get('content-security-policy')!;
    expect(policy).to.contain("style-src 'self'").and.to.contain("require-trusted-types-for 'script'");
    const win = await openPage('/plain/csp.html');
    const el = await askIn(win);
    expect(el.status).to.equal('complete');
    expect(el.shadowRoot!.querySelector('[part~="answer"]')!.textContent).to.contain('streamed');
    // The confidence bar is drawn to its value, not full width (a blocked style attribute would leave it so).
    const track = el.shadowRoot!.querySelector('[part~="confidence"] .confidence-bar')!;
    const share = track.firstElementChild!.getBoundingClientRect().width / track.getBoundingClientRect().width;
    expect(share).to.be.closeTo(0.9, 0.01);

    // Reports arrive later, as tasks, in the order the violations happened. So
    // the page now breaks its own policy on purpose, once, with a style
    // attribute: when that report has arrived, every report of the widget's
    // rendering before it has arrived too. (It also proves style-src is enforced.)
    const sentinel = win.document.createElement('span');
    win.document.body.append(sentinel);
    const reported = new Promise<void>((resolve) =>
      win.document.addEventListener('securitypolicyviolation', (e) => e.target === sentinel && resolve()),
    );
    sentinel.setAttribute('style', 'color: red');
    await reported;
    const seen = win.cspViolations.map((e) => `${e.effectiveDirective} on ${(e.target as Element).localName}`);
    expect(seen).to.deep.equal(['style-src-attr on span']);
    expect(win.cspViolations[0]!.target).to.equal(sentinel);

    // Trusted Types are enforced where the browser has them: a string into innerHTML throws.
    if ('trustedTypes' in win) {
      expect(() => (sentinel.innerHTML = '<b>x</b>')).to.throw();
    }
  });
});
