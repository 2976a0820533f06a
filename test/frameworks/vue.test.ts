import { expect, waitUntil } from '@open-wc/testing';
import { createApp, ref, nextTick, type App } from 'vue/dist/vue.esm-bundler.js';
import '../../src/index.js';
import type { AskStreamElement, CompleteDetail, ErrorDetail } from '../../src/index.js';
import { ECHO_ENDPOINT, SSE_ENDPOINT, chunk, complete, scripted } from '../support/script.js';

// <ask-stream> in a Vue 3 template: Vue binds `:headers`/`:body` as element
// properties (the element has them) and `@ask-stream-*` as event listeners.

function mount(template: string, state: Record<string, unknown>): { app: App; host: HTMLElement } {
  const host = document.createElement('div');
  document.body.append(host);
  const app = createApp({ template, setup: () => state });
  app.config.compilerOptions.isCustomElement = (tag: string) => tag === 'ask-stream';
  app.mount(host);
  return { app, host };
}

describe('<ask-stream> in Vue 3', () => {
  let mounted: { app: App; host: HTMLElement } | undefined;
  afterEach(() => {
    mounted?.app.unmount();
    mounted?.host.remove();
  });

  it('binds endpoint, headers and body, and hears complete', async () => {
    const completed: CompleteDetail[] = [];
    const body = ref<Record<string, unknown>>(scripted(chunk('Hello from '), chunk('Vue'), complete()));
    mounted = mount(
      `<ask-stream :endpoint="endpoint" :headers="headers" :body="body" theme="light" @ask-stream-complete="onComplete"></ask-stream>`,
      {
        endpoint: SSE_ENDPOINT,
        headers: { 'X-From': 'vue' },
        body,
        onComplete: (e: CustomEvent<CompleteDetail>) => completed.push(e.detail),
      },
    );
    const el = mounted.host.querySelector('ask-stream') as AskStreamElement;
    expect(el.endpoint).to.equal(SSE_ENDPOINT);
    expect(el.headers).to.deep.equal({ 'X-From': 'vue' });
    expect(el.theme).to.equal('light');
    await el.ask('Hi?');
    expect(completed).to.deep.equal([{ query: 'Hi?', response: 'Hello from Vue', metadata: null }]);
    // A reactive change reaches the element as a property.
    body.value = scripted(chunk('again'), complete());
    await nextTick();
    await el.ask('Again?');
    expect(el.response).to.equal('again');
  });

  it('sends the headers and body Vue bound', async () => {
    mounted = mount(`<ask-stream :endpoint="endpoint" :headers="headers" :body="body"></ask-stream>`, {
      endpoint: ECHO_ENDPOINT,
      headers: { 'X-From': 'vue' },
      body: { userId: 8 },
    });
    const el = mounted.host.querySelector('ask-stream') as AskStreamElement;
    await el.ask('echo');
    const request = el.metadata!.request as { headers: Record<string, string>; body: string };
    expect(request.headers['x-from']).to.equal('vue');
    expect(JSON.parse(request.body)).to.deep.equal({ userId: 8, query: 'echo' });
  });

  it('hears errors', async () => {
    const errors: ErrorDetail[] = [];
    mounted = mount(`<ask-stream :endpoint="endpoint" :body="body" @ask-stream-error="onError"></ask-stream>`, {
      endpoint: SSE_ENDPOINT,
      body: scripted({ status: 500 }),
      onError: (e: CustomEvent<ErrorDetail>) => errors.push(e.detail),
    });
    const el = mounted.host.querySelector('ask-stream') as AskStreamElement;
    await el.ask('fail?');
    await waitUntil(() => errors.length === 1);
    expect(errors[0]).to.deep.include({ code: 'HTTP_ERROR', retryable: true });
  });
});
