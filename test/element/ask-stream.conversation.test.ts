import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PropertyValues } from 'lit';
import '../../src/index.js';
import { AskStreamElement } from '../../src/index.js';
import { SSE_ENDPOINT, chunk, complete, data, hold, scripted, type Step } from '../support/script.js';

const parts = (el: AskStreamElement, name: string) => [
  ...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`),
];
const part = (el: AskStreamElement, name: string) => parts(el, name)[0] ?? null;

async function widget(): Promise<AskStreamElement> {
  return fixture<AskStreamElement>(html`<ask-stream endpoint=${SSE_ENDPOINT}></ask-stream>`);
}
async function ask(el: AskStreamElement, query: string, ...script: Step[]): Promise<void> {
  el.body = scripted(...script);
  await el.ask(query);
  await el.updateComplete;
}

// Counts Lit updates from the outside, through the public update lifecycle.
class CountingAskStream extends AskStreamElement {
  updates = 0;
  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.updates++;
  }
}
customElements.define('counting-ask-stream', CountingAskStream);

describe('<ask-stream> conversation', () => {
  it('keeps a transcript: each question with its answer and outcome', async () => {
    const el = await widget();
    await ask(el, 'First?', chunk('One.'), complete());
    // Ends without `complete`: INCOMPLETE.
    await ask(el, 'Second?', chunk('Two, part'));
    const pending = ask(el, 'Third?', chunk('Three so far'), { hang: true });
    await waitUntil(() => el.response === 'Three so far');
    el.cancel();
    await pending;
    expect(parts(el, 'question').map((q) => q.textContent!.trim())).to.deep.equal(['First?', 'Second?', 'Third?']);
    const answers = parts(el, 'answer').map((a) => a.textContent!.trim());
    expect(answers[0]).to.contain('One.');
    expect(answers[1]).to.contain('Two, part');
    expect(answers[2]).to.contain('Three so far');
    // The older failure and the cancellation say so; the public state is the latest ask.
    const exchanges = parts(el, 'exchange');
    expect(exchanges[1]!.textContent).to.contain('failed');
    expect(exchanges[2]!.textContent).to.contain('Stopped');
    expect([el.status, el.query, el.response]).to.deep.equal(['cancelled', 'Third?', 'Three so far']);
    expect(el.exchanges.map((e) => e.status)).to.deep.equal(['complete', 'error', 'cancelled']);
  });

  it('clear() empties the transcript and returns to idle', async () => {
    const el = await widget();
    await ask(el, 'Q?', chunk('A.'), complete());
    el.clear();
    await el.updateComplete;
    expect(parts(el, 'exchange')).to.have.length(0);
    expect([el.status, el.response, el.metadata, el.error]).to.deep.equal(['idle', '', null, null]);
  });

  it('shows Thinking… until the first chunk', async () => {
    const el = await widget();
    const answer = hold();
    el.body = scripted(answer.step, chunk('Here.'), complete());
    const done = el.ask('q');
    await el.updateComplete;
    expect(part(el, 'thinking')!.textContent).to.equal('Thinking…');
    await answer.release();
    await done;
    await el.updateComplete;
    expect(part(el, 'thinking')).to.equal(null);
  });

  it('every visible string can be replaced through `strings`', async () => {
    const el = await widget();
    el.strings = {
      placeholder: 'Posez une question…',
      send: 'Envoyer',
      sources: 'Sources citées',
      errorPrefix: 'Erreur :',
      retry: 'Réessayer',
      inputLabel: 'Votre question',
    };
    await el.updateComplete;
    const input = part(el, 'input') as HTMLTextAreaElement;
    expect(input.placeholder).to.equal('Posez une question…');
    expect(el.placeholder).to.equal('Posez une question…');
    expect(input.labels![0]!.textContent).to.equal('Votre question');
    expect(part(el, 'send')!.textContent!.trim()).to.equal('Envoyer');
    // Ends without `complete`: INCOMPLETE, which is retryable.
    await ask(el, 'q', chunk('x'), data({ type: 'metadata', sources: ['A'] }));
    expect(part(el, 'sources')!.textContent).to.contain('Sources citées');
    expect(part(el, 'error')!.textContent).to.contain('Erreur :');
    expect(part(el, 'retry')!.textContent!.trim()).to.equal('Réessayer');
    // An explicit placeholder attribute still wins.
    el.setAttribute('placeholder', 'Custom');
    await el.updateComplete;
    expect(input.placeholder).to.equal('Custom');
  });

  it('renders at most once per animation frame, while chunk events fire per chunk', async () => {
    const el = await fixture<CountingAskStream>(
      html`<counting-ask-stream endpoint=${SSE_ENDPOINT}></counting-ask-stream>`,
    );
    const script: Step[] = [];
    for (let i = 0; i < 400; i++) script.push(chunk(`w${i} `));
    el.body = scripted(...script, complete());
    let chunks = 0;
    el.addEventListener('ask-stream-chunk', () => {
      chunks++;
      // `response` is current at every chunk, rendered or not.
      expect(el.response.endsWith(`w${chunks - 1} `)).to.equal(true);
    });
    let frames = 0;
    let counting = true;
    const tick = () => {
      frames++;
      if (counting) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const before = el.updates;
    await el.ask('q');
    await el.updateComplete;
    counting = false;
    const renders = el.updates - before;
    expect(chunks).to.equal(400);
    // One render per frame at most, plus the start and the end of the ask.
    expect(renders).to.be.at.most(frames + 2);
    expect(renders).to.be.lessThan(chunks);
  });

  it('follows the stream unless the reader scrolls up, and resumes at the bottom', async () => {
    const el = await widget();
    el.style.setProperty('--ask-stream-max-height', '120px');
    await ask(el, 'Fill it', chunk('line\n\n'.repeat(40)), complete());
    const transcript = part(el, 'transcript')!;
    const atBottom = () => transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight <= 32;
    expect(transcript.scrollHeight).to.be.greaterThan(transcript.clientHeight);
    expect(atBottom()).to.equal(true);

    // One answer, in three parts the test lets through one at a time, so every
    // move below is the reader's within the same ask (a new ask resumes by itself).
    const [second, third] = [hold(), hold()];
    const paragraphs = (name: string) => Array.from({ length: 20 }, (_, i) => chunk(`${name} ${i}\n\n`));
    el.body = scripted(
      ...paragraphs('first'),
      second.step,
      ...paragraphs('second'),
      third.step,
      ...paragraphs('third'),
      complete(),
    );
    const rendered = async (text: string) => {
      await waitUntil(() => el.response.includes(text));
      await el.updateComplete;
    };
    const streaming = el.ask('More');
    await rendered('first 19');
    expect(atBottom(), 'following the stream').to.equal(true);

    // The reader scrolls up: the stream no longer moves the view.
    transcript.scrollTop = 0;
    transcript.dispatchEvent(new Event('scroll'));
    await second.release();
    await rendered('second 19');
    expect(transcript.scrollTop).to.equal(0);

    // The reader scrolls back to the bottom: following resumes, with no new ask.
    transcript.scrollTop = transcript.scrollHeight;
    transcript.dispatchEvent(new Event('scroll'));
    const before = transcript.scrollHeight;
    await third.release();
    await streaming;
    await el.updateComplete;
    expect(transcript.scrollHeight - before, 'the third part grew the transcript').to.be.greaterThan(200);
    expect(atBottom()).to.equal(true);
  });

  it('the input grows with its text; Shift+Enter adds a line', async () => {
    const el = await widget();
    const input = part(el, 'input') as HTMLTextAreaElement;
    const oneLine = input.getBoundingClientRect().height;
    input.value = 'a\nb\nc\nd';
    input.dispatchEvent(new Event('input'));
    expect(input.getBoundingClientRect().height).to.be.greaterThan(oneLine);
    const shiftEnter = new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true, cancelable: true });
    input.dispatchEvent(shiftEnter);
    expect(shiftEnter.defaultPrevented).to.equal(false);
    expect(el.status).to.equal('idle');
  });

  it('switches a complete palette with the theme', async () => {
    const el = await widget();
    const base = () => getComputedStyle(part(el, 'base')!);
    el.theme = 'light';
    await el.updateComplete;
    const light = [base().backgroundColor, base().color];
    el.theme = 'dark';
    await el.updateComplete;
    const dark = [base().backgroundColor, base().color];
    expect(light[0]).not.to.equal(dark[0]);
    expect(light[1]).not.to.equal(dark[1]);
    expect(getComputedStyle(el).colorScheme).to.equal('dark');
  });
});
