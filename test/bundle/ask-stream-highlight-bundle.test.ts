import { expect, waitUntil } from '@open-wc/testing';
import type { Highlighter, HighlightToken } from '../../src/highlight/types.js';

// The built dist/ask-stream-highlight.js, loaded by a plain page as a second
// <script type="module"> after dist/ask-stream.js (served raw, no test-runner
// transforms), with and without the strict CSP and Trusted Types: loading it
// gives <ask-stream> a defaultHighlighter, and leaves the page's own Prism and
// code alone. (Rendering the tokens is the element's, tested with it.)

type HighlightWindow = Window &
  typeof globalThis & {
    cspViolations: SecurityPolicyViolationEvent[];
    codeChanges: MutationRecord[];
    pagePrism: unknown;
    Prism: unknown;
  };
type ElementClass = CustomElementConstructor & { defaultHighlighter?: Highlighter };

async function openPage(path: string): Promise<HighlightWindow> {
  const frame = document.createElement('iframe');
  frame.src = path;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as HighlightWindow;
  await win.customElements.whenDefined('ask-stream');
  return win;
}

/** Two animation frames of the page: Prism's automatic pass, were it on, would have run in the first. */
const frames = (win: Window) =>
  new Promise<void>((resolve) => win.requestAnimationFrame(() => win.requestAnimationFrame(() => resolve())));

const CODE = 'const answer = "<b>42</b>"; // says why\n';

function expectHighlighted(tokens: HighlightToken[]) {
  expect(tokens.map((t) => t.text).join('')).to.equal(CODE);
  expect(tokens).to.deep.include({ text: 'const', className: 'keyword' });
  expect(tokens).to.deep.include({ text: '"<b>42</b>"', className: 'string' });
  expect(tokens).to.deep.include({ text: '// says why', className: 'comment' });
}

describe('dist/ask-stream-highlight.js in a plain page', () => {
  before(async () => {
    const built = await fetch('/plain/ask-stream-highlight.js', { method: 'HEAD' });
    expect(built.ok, 'dist/ask-stream-highlight.js exists (npm test builds it first)').to.equal(true);
  });
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  for (const [what, path] of [
    ['a plain page', '/plain/highlight.html'],
    ['a page with a strict CSP and Trusted Types', '/plain/highlight-csp.html'],
  ] as const) {
    it(`gives <ask-stream> a defaultHighlighter and leaves the page alone, in ${what}`, async () => {
      const win = await openPage(path);
      const element = win.customElements.get('ask-stream') as ElementClass;
      await waitUntil(() => typeof element.defaultHighlighter === 'function', 'no defaultHighlighter');
      expectHighlighted(element.defaultHighlighter!(CODE, 'JS'));

      await frames(win);
      expect(win.Prism, "the page's own Prism").to.equal(win.pagePrism);
      expect(win.document.querySelector('code')!.innerHTML).to.equal("const page = 'its own code';");
      expect(win.codeChanges).to.have.length(0);

      if (path.endsWith('csp.html')) {
        // As in ask-stream-bundle.test.ts: the page breaks its own policy once, on
        // purpose; when that report has arrived, every earlier one has too.
        const sentinel = win.document.createElement('span');
        win.document.body.append(sentinel);
        const reported = new Promise<void>((resolve) =>
          win.document.addEventListener('securitypolicyviolation', (e) => e.target === sentinel && resolve()),
        );
        sentinel.setAttribute('style', 'color: red');
        await reported;
        const seen = win.cspViolations.map((e) => `${e.effectiveDirective} on ${(e.target as Element).localName}`);
        expect(seen).to.deep.equal(['style-src-attr on span']);
      }
    });
  }

  it('exports the highlighter for a page to set on one element', async () => {
    const win = await openPage('/plain/highlight.html');
    const api = (await (win as unknown as { eval(s: string): Promise<Record<string, unknown>> }).eval(
      'import("/plain/ask-stream-highlight.js")',
    )) as { highlight: Highlighter; createHighlighter: unknown; HIGHLIGHT_LANGUAGES: Record<string, string> };
    expect(api.highlight).to.equal((win.customElements.get('ask-stream') as ElementClass).defaultHighlighter);
    expect(api.createHighlighter).to.be.a('function');
    expect(api.HIGHLIGHT_LANGUAGES.ts).to.equal('typescript');
    expectHighlighted(api.highlight(CODE, 'javascript'));
  });

  it('runs in a module worker, where Prism answers no messages of its own', async () => {
    const worker = new Worker('/plain/highlight-worker.js', { type: 'module' });
    try {
      const reply = new Promise<MessageEvent>((resolve, reject) => {
        worker.addEventListener('message', resolve, { once: true });
        worker.addEventListener('error', (e) => reject(new Error(`worker failed: ${e.message}`)), { once: true });
      });
      // The shape of message Prism's worker handler answers (with HTML).
      const message = JSON.stringify({ language: 'json', code: '{"a": 1}', immediateClose: false });
      worker.postMessage(message);
      const { data } = await reply;
      expect(data.globalPrism).to.equal(false);
      expect((data.tokens as HighlightToken[]).map((t) => t.text).join('')).to.equal(message);
      expect(data.tokens).to.deep.include({ text: '"language"', className: 'property' });
    } finally {
      worker.terminate();
    }
  });
});
