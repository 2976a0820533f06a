// The demo page: the widget (inline, and as a dialog from a launcher), a live
// log of the events it fires, a theme switch. Code in answers is highlighted
// by the optional Prism-based entry, as a docs site would add it.
import '../src/index.js';
import '../src/highlight/register.js';
import type { AskStreamElement, AskStreamTheme } from '../src/index.js';

const widget = document.querySelector<AskStreamElement>('#main-widget')!;
const popover = document.querySelector<AskStreamElement>('#popover-widget')!;
const STARTERS = ['How do I embed it?', 'How do citations work?', 'Can it open from a button?'];
widget.suggestions = STARTERS;
popover.suggestions = STARTERS;
const log = document.querySelector<HTMLOListElement>('#event-log')!;
const MAX_ROWS = 200;

const EVENTS = ['start', 'chunk', 'metadata', 'complete', 'error', 'cancel', 'retrying', 'feedback'] as const;

function describe(detail: unknown): string {
  const text = JSON.stringify(detail);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

for (const name of EVENTS) {
  widget.addEventListener(`ask-stream-${name}`, (event) => {
    const row = document.createElement('li');
    row.dataset.type = name;
    const label = document.createElement('strong');
    label.textContent = `ask-stream-${name}`;
    const detail = document.createElement('code');
    detail.textContent = describe((event as CustomEvent).detail);
    row.append(label, ' ', detail);
    log.prepend(row);
    while (log.childElementCount > MAX_ROWS) log.lastElementChild!.remove();
  });
}

document.querySelector('#clear-log')!.addEventListener('click', () => log.replaceChildren());

for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="theme"]')) {
  radio.addEventListener('change', () => {
    widget.theme = radio.value as AskStreamTheme;
    popover.theme = radio.value as AskStreamTheme;
    document.documentElement.dataset.theme = radio.value;
  });
}

// The side-by-side examples show a finished answer without a network round trip
// per page load: they ask the same demo backend once.
for (const example of document.querySelectorAll<AskStreamElement>('.theme-pair ask-stream')) {
  void example.ask('What is ask-stream?');
}
