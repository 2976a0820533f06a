import { expect, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import { install } from '@sinonjs/fake-timers';
import { CitationSources } from '../../src/render/citations.js';
import { codeBlock } from '../../src/render/code-block.js';
import { STRINGS, mount } from './helpers.js';

const ctx = { images: false, strings: STRINGS, citations: new CitationSources() };

/** Resolves when the button's visible label next changes. */
function relabelled(button: HTMLElement): Promise<void> {
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      observer.disconnect();
      resolve();
    });
    observer.observe(button, { attributeFilter: ['data-label'] });
  });
}

describe('codeBlock', () => {
  const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
  let clock: ReturnType<typeof install> | undefined;
  afterEach(() => {
    clock?.uninstall();
    clock = undefined;
    delete (navigator as { clipboard?: unknown }).clipboard;
    if (original) Object.defineProperty(Navigator.prototype, 'clipboard', original);
  });

  function stubClipboard(writeText: (text: string) => Promise<void>): void {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  }

  it('exposes the code and copy button as parts, with an accessible name', () => {
    const el = mount(codeBlock('let a = "<b>";', 'js', ctx, ''));
    expect(el.querySelector('[part="code"] pre > code')!.textContent).to.equal('let a = "<b>";');
    const button = el.querySelector('button')!;
    expect(button.getAttribute('part')).to.equal('copy');
    expect(button.type).to.equal('button');
    expect(button.getAttribute('aria-label')).to.equal('Copy code');
    expect(button.dataset.label).to.equal('Copy');
  });

  it('copies the raw code and says "Copied" for 1.5 s', async () => {
    const copied: string[] = [];
    stubClipboard(async (t) => void copied.push(t));
    const el = mount(codeBlock('a\n\n  b <c>', undefined, ctx, ''));
    const button = el.querySelector('button')!;
    // A fake clock: the test says when time passes, so nothing races the 1,500 ms timer.
    clock = install({ toFake: ['setTimeout', 'clearTimeout'] });
    const copiedShown = relabelled(button);
    button.click();
    await copiedShown;
    expect(copied).to.deep.equal(['a\n\n  b <c>']);
    expect(button.dataset.label).to.equal('Copied');
    expect(button.getAttribute('aria-label')).to.equal('Copied');
    clock.tick(1499);
    expect(button.dataset.label).to.equal('Copied');
    clock.tick(1);
    expect(button.dataset.label).to.equal('Copy');
    expect(button.getAttribute('aria-label')).to.equal('Copy code');
  });

  it('selects the code when the clipboard is unavailable or refuses', async () => {
    for (const setup of [
      () => Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true }),
      () => stubClipboard(() => Promise.reject(new Error('denied'))),
    ]) {
      setup();
      getSelection()!.removeAllRanges();
      const el = mount(codeBlock('select me', undefined, ctx, ''));
      document.body.append(el);
      el.querySelector('button')!.click();
      await waitUntil(() => getSelection()!.toString() === 'select me', 'the code is selected');
      expect(el.querySelector('button')!.dataset.label).to.equal('Copy');
      el.remove();
    }
  });

  it('uses the strings it is given', () => {
    const el = mount(
      codeBlock(
        'x',
        undefined,
        { ...ctx, strings: { copy: 'Kopieren', copied: 'Kopiert', copyLabel: 'Code kopieren', source: 'Quelle' } },
        '',
      ),
    );
    expect(el.querySelector('button')!.getAttribute('aria-label')).to.equal('Code kopieren');
    expect(el.querySelector('button')!.dataset.label).to.equal('Kopieren');
  });
});

describe('codeBlock header, segments and highlighting', () => {
  const tokens = (code: string) =>
    code.split(/(\s+)/).map((text) => (/^(const|let)$/.test(text) ? { text, className: 'keyword' } : { text }));

  it('puts the language and the copy button in a header row above the code', () => {
    const el = mount(codeBlock('x\n', 'ts title', ctx, nothing));
    const header = el.querySelector('[part="code-header"]')!;
    expect(header.querySelector('[part="code-language"]')!.textContent).to.equal('ts');
    expect(header.querySelector('[part="copy"]')?.outerHTML ?? null).to.not.equal(null);
    expect(el.querySelector('pre [part="copy"]')?.outerHTML ?? null).to.equal(null);
    expect(
      mount(codeBlock('x\n', undefined, ctx, nothing)).querySelector('[part="code-language"]')?.outerHTML ?? null,
    ).to.equal(null);
  });

  it('cuts a long block into segments of lines, the text unchanged', () => {
    const source = Array.from({ length: 250 }, (_, i) => `line ${i}\n`).join('');
    const el = mount(codeBlock(source, 'txt', ctx, nothing));
    expect(el.querySelectorAll('.md-code-segment')).to.have.length(3);
    expect(el.querySelector('code')!.textContent).to.equal(source);
  });

  it('renders highlighter tokens as text in spans, never as markup', () => {
    const hl = { highlighter: (code: string) => [{ text: code, className: 'string' }], cache: new Map() };
    const el = mount(codeBlock('<img src=x onerror=alert(1)>\n', 'html', { ...ctx, highlight: hl }, nothing));
    const span = el.querySelector('code span.hl')!;
    expect(span.className).to.equal('hl string');
    expect(span.textContent).to.equal('<img src=x onerror=alert(1)>\n');
    expect(el.querySelector('img')?.outerHTML ?? null).to.equal(null);
  });

  it('shows plain code when the highlighter throws or its tokens do not join back into the code', () => {
    for (const highlighter of [
      () => {
        throw new Error('broken');
      },
      () => [{ text: 'something else', className: 'keyword' }],
    ]) {
      const el = mount(
        codeBlock('const a = 1;\n', 'js', { ...ctx, highlight: { highlighter, cache: new Map() } }, nothing),
      );
      expect(el.querySelector('code')!.textContent).to.equal('const a = 1;\n');
      expect(el.querySelector('.hl')?.outerHTML ?? null).to.equal(null);
    }
  });

  it('highlights the lines of a streaming block once each, the line still arriving plain', () => {
    const seen: string[] = [];
    const highlighter = (code: string) => (seen.push(code), tokens(code));
    const hl = { highlighter, cache: new Map() };
    const container = document.createElement('div');
    let source = '';
    for (const line of ['const a = 1;\n', 'let b = 2;\n', 'const c']) {
      for (const ch of line) {
        source += ch;
        mount(codeBlock(source, 'js', { ...ctx, highlight: hl }, html`<span class="cursor"></span>`), container);
      }
    }
    // Each line highlighted once, when complete; never per character, never the whole block again.
    expect(seen).to.deep.equal(['const a = 1;\n', 'let b = 2;\n']);
    // Once finished, the block is highlighted whole (multi-line constructs come out right).
    mount(codeBlock(`${source};\n`, 'js', { ...ctx, highlight: hl }, nothing), container);
    expect(seen.slice(2)).to.deep.equal([`${source};\n`]);
    expect(container.querySelector('code')!.textContent).to.equal(`${source};\n`);
    expect([...container.querySelectorAll('.hl.keyword')].map((k) => k.textContent)).to.deep.equal([
      'const',
      'let',
      'const',
    ]);
  });
});
