// A real page reload mid-answer: the widget lives in an iframe the test controls
// (a test page cannot reload itself), with persist="session", talking to the real
// handler with a resume store (test/support/resume-server.mjs). After the reload
// the transcript is back and the answer finishes, the backend called once.
import { expect, waitUntil } from '@open-wc/testing';
import type { AskStreamElement } from '../../src/index.js';
import { answerText } from '../support/resume-answer.js';

function loaded(frame: HTMLIFrameElement): Promise<void> {
  return new Promise((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
}

const widgetIn = (frame: HTMLIFrameElement) =>
  frame.contentDocument?.querySelector('ask-stream') as AskStreamElement | null | undefined;

describe('<ask-stream persist="session"> across a real reload', () => {
  let frame: HTMLIFrameElement;
  afterEach(() => frame?.remove());

  it('restores the transcript and finishes the answer that was streaming, exactly', async () => {
    const tag = `reload-${Date.now()}`;
    const key = `ask-stream-reload-${tag}`;
    // Slow enough (20 ms a piece, 80 pieces) that the reload lands mid-answer.
    const endpoint = `/test/real/ask?tag=${tag}&pace=20`;
    sessionStorage.removeItem(key);
    frame = document.createElement('iframe');
    frame.src = `/test/fixtures/reload.html?${new URLSearchParams({ endpoint, key })}`;
    const first = loaded(frame);
    document.body.append(frame);
    await first;
    await waitUntil(() => widgetIn(frame)?.shadowRoot, 'the widget in the frame', { timeout: 5000 });

    void widgetIn(frame)!.ask('what survives a reload?');
    await waitUntil(() => (widgetIn(frame)?.response.length ?? 0) > 300, 'part of the answer', { timeout: 5000 });
    const before = widgetIn(frame)!;
    expect(before.status).to.equal('streaming');
    const partial = before.response;

    const second = loaded(frame);
    frame.contentWindow!.location.reload();
    await second;
    await waitUntil(
      () => widgetIn(frame) && widgetIn(frame) !== before && widgetIn(frame)!.shadowRoot,
      'the new widget',
      {
        timeout: 5000,
      },
    );
    const after = widgetIn(frame)!;
    // The transcript is back at once, with what had arrived.
    await waitUntil(() => after.exchanges.length === 1, 'the restored transcript', { timeout: 5000 });
    expect(after.exchanges[0]!.query).to.equal('what survives a reload?');
    expect(after.exchanges[0]!.response.startsWith(partial.slice(0, 100))).to.equal(true);

    await waitUntil(() => after.status === 'complete', 'the answer to finish', { timeout: 10000 });
    expect(after.response).to.equal(answerText('what survives a reload?'));
    expect(after.exchanges).to.have.length(1);
    await after.updateComplete;
    expect(after.shadowRoot!.querySelectorAll('[part~="exchange"]')).to.have.length(1);

    const log = (await (await fetch(`/test/real/log?tag=${tag}`)).json()) as {
      attempts: Array<{ lastEventId: string | null }>;
      calls: number;
    };
    expect(log.calls).to.equal(1);
    // The page after the reload resumed after what the page before it had saved.
    expect(log.attempts.at(-1)!.lastEventId).to.match(/^\d+$/);
    sessionStorage.removeItem(key);
  });
});
