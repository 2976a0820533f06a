import { expect, waitUntil } from '@open-wc/testing';
import { install } from '@sinonjs/fake-timers';
import { codeBlock } from '../../src/render/code-block.js';
import { STRINGS, mount } from './helpers.js';

const ctx = { images: false, strings: STRINGS };

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
        { images: false, strings: { copy: 'Kopieren', copied: 'Kopiert', copyLabel: 'Code kopieren' } },
        '',
      ),
    );
    expect(el.querySelector('button')!.getAttribute('aria-label')).to.equal('Code kopieren');
    expect(el.querySelector('button')!.dataset.label).to.equal('Kopieren');
  });
});
