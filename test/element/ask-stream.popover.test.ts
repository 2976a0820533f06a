import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { AskStreamElement } from '../../src/index.js';
import { SSE_ENDPOINT, chunk, complete, scripted } from '../support/script.js';

const part = (el: AskStreamElement, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const focused = (el: AskStreamElement) => el.shadowRoot!.activeElement;
const press = (target: EventTarget, key: string, init: KeyboardEventInit = {}) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init }));

async function popover(attrs = ''): Promise<AskStreamElement> {
  const el = await fixture<AskStreamElement>(
    html`<ask-stream endpoint=${SSE_ENDPOINT} mode="popover" hotkey=${attrs || '/'}><strong slot="header">Docs AI</strong></ask-stream>`,
  );
  return el;
}

describe('<ask-stream mode="popover">', () => {
  it('renders a launcher and a closed dialog; inline mode renders neither', async () => {
    const el = await popover();
    const launcher = part(el, 'launcher')!;
    expect(launcher.tagName).to.equal('BUTTON');
    expect(launcher.getAttribute('aria-haspopup')).to.equal('dialog');
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');
    expect((part(el, 'dialog') as HTMLDialogElement).open).to.equal(false);
    expect(el.open).to.equal(false);
    const inline = await fixture<AskStreamElement>(html`<ask-stream></ask-stream>`);
    expect(part(inline, 'launcher')?.outerHTML ?? null).to.equal(null);
    expect(part(inline, 'dialog')?.outerHTML ?? null).to.equal(null);
    expect(inline.mode).to.equal('inline');
  });

  it('opens as a modal dialog from the launcher: focus in the input, open reflected, ask-stream-open', async () => {
    const el = await popover();
    const opened = oneEvent(el, 'ask-stream-open');
    part(el, 'launcher')!.click();
    expect((await opened).detail).to.deep.equal({ trigger: 'launcher' });
    await el.updateComplete;
    const dialog = part(el, 'dialog') as HTMLDialogElement;
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(el.hasAttribute('open')).to.equal(true);
    expect(part(el, 'launcher')!.getAttribute('aria-expanded')).to.equal('true');
    expect(focused(el)).to.equal(part(el, 'input'));
    // The header slot is in the dialog.
    expect(el.querySelector('[slot="header"]')!.assignedSlot!.closest('dialog')).to.equal(dialog);
  });

  it('closes with its close button, returning focus to the launcher, with ask-stream-close', async () => {
    const el = await popover();
    el.open = true;
    await el.updateComplete;
    const closed = oneEvent(el, 'ask-stream-close');
    part(el, 'close')!.click();
    expect((await closed).detail).to.deep.equal({ trigger: 'close-button' });
    await el.updateComplete;
    expect((part(el, 'dialog') as HTMLDialogElement).open).to.equal(false);
    expect(el.hasAttribute('open')).to.equal(false);
    expect(focused(el)).to.equal(part(el, 'launcher'));
  });

  it('closes on Escape when nothing streams; while an answer streams, Escape stops it and the dialog stays', async () => {
    const el = await popover();
    el.show();
    await el.updateComplete;
    el.body = scripted(chunk('Streaming…'), { hang: true });
    void el.ask('q');
    await waitUntil(() => el.response !== '', 'streaming');
    const dialog = part(el, 'dialog') as HTMLDialogElement;
    dialog.dispatchEvent(new Event('cancel', { cancelable: true }));
    await el.updateComplete;
    expect(el.status).to.equal('cancelled');
    expect([el.open, dialog.open]).to.deep.equal([true, true]);
    const closed = oneEvent(el, 'ask-stream-close');
    dialog.dispatchEvent(new Event('cancel', { cancelable: true }));
    expect((await closed).detail).to.deep.equal({ trigger: 'escape' });
    await el.updateComplete;
    expect([el.open, dialog.open]).to.deep.equal([false, false]);
  });

  it('opens with its hotkey (mod+k, or / outside text fields) and the open property, firing the events once each', async () => {
    const el = await popover('mod+k');
    const mac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
    const log: string[] = [];
    el.addEventListener('ask-stream-open', (e) => log.push(`open:${e.detail.trigger}`));
    el.addEventListener('ask-stream-close', (e) => log.push(`close:${e.detail.trigger}`));
    press(document.body, 'k'); // without the modifier: nothing
    await el.updateComplete;
    expect(el.open).to.equal(false);
    press(document.body, 'k', mac ? { metaKey: true } : { ctrlKey: true });
    await el.updateComplete;
    expect(el.open).to.equal(true);
    el.open = false;
    await el.updateComplete;
    el.hotkey = '/';
    const field = document.createElement('input');
    document.body.append(field);
    press(field, '/'); // typing a slash in a field does not open it
    await el.updateComplete;
    expect(el.open).to.equal(false);
    field.remove();
    press(document.body, '/');
    await el.updateComplete;
    expect(el.open).to.equal(true);
    expect(log).to.deep.equal(['open:hotkey', 'close:property', 'open:hotkey']);
  });

  it('in inline mode, its hotkey focuses the input', async () => {
    const el = await fixture<AskStreamElement>(html`<ask-stream hotkey="/"></ask-stream>`);
    press(document.body, '/');
    expect(focused(el)).to.equal(part(el, 'input'));
  });

  it('asks and answers inside the dialog', async () => {
    const el = await popover();
    el.show();
    el.body = scripted(chunk('# Hi'), complete());
    await el.ask('Hello?');
    await el.updateComplete;
    expect(part(el, 'dialog')!.querySelector('[part~="answer"] h1')!.textContent).to.equal('Hi');
  });
});
