import { expect, waitUntil } from '@open-wc/testing';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import '../../src/index.js';
import type {} from '../../src/jsx/react.js';
import type { AskStreamElement, CompleteDetail, ErrorDetail } from '../../src/index.js';
import { ECHO_ENDPOINT, SSE_ENDPOINT, chunk, complete, scripted } from '../support/script.js';

// <ask-stream> mounted by React 19, configured with React's own props (React 19
// sets them as element properties) and listened to with `onask-stream-*` props.

describe('<ask-stream> in React 19', () => {
  let host: HTMLDivElement;
  let root: Root;
  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });
  afterEach(() => {
    root.unmount();
    host.remove();
  });

  it('takes endpoint, headers and body as props and reports a streamed answer', async () => {
    const completed: CompleteDetail[] = [];
    flushSync(() =>
      root.render(
        <ask-stream
          endpoint={SSE_ENDPOINT}
          theme="dark"
          headers={{ 'X-From': 'react' }}
          body={scripted(chunk('Hello from '), chunk('React'), complete())}
          onask-stream-complete={(e) => completed.push(e.detail)}
        />,
      ),
    );
    const el = host.querySelector('ask-stream') as AskStreamElement;
    expect(el.endpoint).to.equal(SSE_ENDPOINT);
    expect(el.theme).to.equal('dark');
    expect(el.headers).to.deep.equal({ 'X-From': 'react' });
    await el.ask('Hi?');
    expect(completed).to.deep.equal([{ query: 'Hi?', response: 'Hello from React', metadata: null }]);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="answer"]')!.textContent).to.contain('Hello from React');
  });

  it('sends the headers and body React set', async () => {
    flushSync(() =>
      root.render(<ask-stream endpoint={ECHO_ENDPOINT} headers={{ 'X-From': 'react' }} body={{ userId: 7 }} />),
    );
    const el = host.querySelector('ask-stream') as AskStreamElement;
    await el.ask('echo');
    const request = el.metadata!.request as { headers: Record<string, string>; body: string };
    expect(request.headers['x-from']).to.equal('react');
    expect(JSON.parse(request.body)).to.deep.equal({ userId: 7, query: 'echo' });
  });

  it('reports errors through onask-stream-error', async () => {
    const errors: ErrorDetail[] = [];
    flushSync(() =>
      root.render(
        <ask-stream
          endpoint={SSE_ENDPOINT}
          body={scripted({ status: 503 })}
          onask-stream-error={(e) => errors.push(e.detail)}
        />,
      ),
    );
    const el = host.querySelector('ask-stream') as AskStreamElement;
    await el.ask('fail?');
    await waitUntil(() => errors.length === 1);
    expect(errors[0]).to.deep.include({ query: 'fail?', code: 'HTTP_ERROR', retryable: true, response: '' });
  });
});
