import assert from 'node:assert/strict';
import type http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { httpBackend, openAICompatibleBackend } from '../../src/server/index.js';
import { listen, post, readBody, receive, startHandler, types, type Running } from './helpers.js';

const UNAVAILABLE = {
  type: 'error',
  code: 'BACKEND_UNAVAILABLE',
  message: 'Service temporarily unavailable',
  retryable: true,
};

describe('upstream redirects are not followed', () => {
  let elsewhere: Running; // another origin: localhost, not 127.0.0.1, and another port
  let redirector: Running;
  const reached: http.IncomingHttpHeaders[] = [];
  before(async () => {
    elsewhere = await listen(async (req, res) => {
      reached.push(req.headers);
      await readBody(req);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"response":"from elsewhere"}');
    });
    redirector = await listen(async (req, res) => {
      await readBody(req);
      const status = Number(new URL(req.url!, 'http://x').pathname.split('/')[1]);
      const target = req.url!.includes('/same/')
        ? `${redirector.url}/ok/api/ask`
        : `http://localhost:${new URL(elsewhere.url).port}/api/ask`;
      res.writeHead(status, { location: target });
      res.end();
    });
  });
  after(() => Promise.all([elsewhere.close(), redirector.close()]));

  for (const status of [301, 302, 303, 307, 308]) {
    it(`httpBackend: a ${status} to another host fails the ask; the other host never sees the request or its X-Api-Key`, async () => {
      reached.length = 0;
      const errors: unknown[] = [];
      const server = await startHandler({
        backend: httpBackend(`${redirector.url}/${status}`, { headers: { 'X-Api-Key': 'secret-key' } }),
        onError: (e) => errors.push(e),
      });
      try {
        const { frames } = await receive(await post(server.url, { query: 'q' }));
        assert.deepEqual(types(frames), ['start', 'error']);
        assert.deepEqual(frames[1], UNAVAILABLE);
        assert.equal(reached.length, 0);
        assert.match(String((errors[0] as Error).message), /redirect/);
      } finally {
        await server.close();
      }
    });
  }

  it('httpBackend: a redirect on the same host is not followed either', async () => {
    const server = await startHandler({ backend: httpBackend(`${redirector.url}/307/same`) });
    try {
      assert.deepEqual((await receive(await post(server.url, { query: 'q' }))).frames[1], UNAVAILABLE);
    } finally {
      await server.close();
    }
  });

  it('openAICompatibleBackend: a 307 to another host fails the ask; the API key never leaves', async () => {
    reached.length = 0;
    const server = await startHandler({
      backend: openAICompatibleBackend({ baseURL: `${redirector.url}/307/v1`, apiKey: 'sk-secret', model: 'm' }),
    });
    try {
      assert.deepEqual((await receive(await post(server.url, { query: 'q' }))).frames[1], UNAVAILABLE);
      assert.equal(reached.length, 0);
    } finally {
      await server.close();
    }
  });

  it('also refuses the redirect a fetch of its own followed', async () => {
    reached.length = 0;
    const server = await startHandler({
      // A fetch that ignores `redirect: 'manual'`.
      backend: httpBackend(`${redirector.url}/307`, {
        fetch: (input, init) => fetch(input, { ...init, redirect: 'follow' }),
      }),
    });
    try {
      assert.deepEqual((await receive(await post(server.url, { query: 'q' }))).frames[1], UNAVAILABLE);
    } finally {
      await server.close();
    }
  });
});

describe('metadata: only the protocol fields reach the browser, plus what passMetadata names', () => {
  let pipeline: Running;
  before(async () => {
    pipeline = await listen(async (req, res) => {
      await readBody(req);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          response: 'answer',
          confidence: 0.9,
          sources: [
            { title: 'Doc', url: 'https://docs.example/doc', snippet: 'a passage', internal: 'secret-path', page: 3 },
            { url: 'https://docs.example/b', score: 0.2 },
            'https://docs.example/c',
            { internal: 'no title, no url' },
            { title: 42 },
          ],
          suggestions: ['How do I theme it?', 7, { q: 'not text' }, 'What about errors?'],
          trace_id: 'abc',
          debug: { prompt: 'system prompt' },
        }),
      );
    });
  });
  after(() => pipeline.close());

  const metadataOf = async (server: Running) => (await receive(await post(server.url, { query: 'q' }))).frames.at(-2);

  it('narrows sources to title, url and snippet, suggestions to strings, and drops everything else', async () => {
    const server = await startHandler({ backend: httpBackend(pipeline.url) });
    try {
      const metadata = await metadataOf(server);
      assert.deepEqual(metadata, {
        type: 'metadata',
        confidence: 0.9,
        sources: [
          { title: 'Doc', url: 'https://docs.example/doc', snippet: 'a passage' },
          { url: 'https://docs.example/b' },
          'https://docs.example/c',
        ],
        suggestions: ['How do I theme it?', 'What about errors?'],
      });
      assert.doesNotMatch(JSON.stringify(metadata), /secret-path|system prompt|abc/);
    } finally {
      await server.close();
    }
  });

  it("lets named fields through, from the handler's passMetadata or the backend's", async () => {
    const viaHandler = await startHandler({ backend: httpBackend(pipeline.url), passMetadata: ['page', 'trace_id'] });
    const viaBackend = await startHandler({
      backend: httpBackend(pipeline.url, { passMetadata: ['page', 'trace_id'] }),
    });
    try {
      for (const server of [viaHandler, viaBackend]) {
        const metadata = (await metadataOf(server)) as { trace_id?: string; sources: { page?: number }[] };
        assert.equal(metadata.trace_id, 'abc');
        assert.equal(metadata.sources[0]!.page, 3);
        assert.doesNotMatch(JSON.stringify(metadata), /secret-path|system prompt/);
      }
    } finally {
      await Promise.all([viaHandler.close(), viaBackend.close()]);
    }
  });

  it('narrows the metadata of any backend, streamed ones included', async () => {
    const server = await startHandler({
      backend: async function* () {
        yield 'text';
        yield { confidence: 0.5, internal: 'x' };
        yield { sources: [{ title: 'T', secret: 'y' }] };
      },
    });
    try {
      assert.deepEqual(await metadataOf(server), { type: 'metadata', confidence: 0.5, sources: [{ title: 'T' }] });
    } finally {
      await server.close();
    }
  });
});
