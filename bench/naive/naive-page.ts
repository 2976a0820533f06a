/** The page for the naive baseline (naive-widget.ts), observed like the element's. */
import { install, type Widget } from '../pages/harness.js';
import { naiveAsk, type NaiveAsk } from './naive-widget.js';

install({
  name: 'naive',
  mount(container): Widget {
    const answer = document.createElement('div');
    answer.className = 'answer';
    container.append(answer);
    let onRender: () => void = () => {};
    let current: NaiveAsk | undefined;
    return {
      observe: answer,
      answer: () => answer,
      async ask(endpoint, onChunk) {
        current = naiveAsk(endpoint, answer, onChunk, () => onRender());
        return current.done;
      },
      cancel: () => current?.cancel(),
      reset: () => {
        answer.innerHTML = '';
      },
      onRender: (cb) => {
        onRender = cb;
      },
    };
  },
});
