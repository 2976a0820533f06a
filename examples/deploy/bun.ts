// Bun: `bun run server.ts`.
import { createAskStreamHandler, openAICompatibleBackend } from 'ask-stream/server';

const askStream = createAskStreamHandler({
  backend: openAICompatibleBackend({
    baseURL: process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
    apiKey: process.env.OPENAI_API_KEY,
    model: process.env.OPENAI_MODEL ?? 'gpt-4o-mini',
  }),
  allowOrigins: process.env.ALLOW_ORIGINS?.split(',') ?? [],
});

const server = Bun.serve({
  port: Number(process.env.PORT ?? 3000),
  hostname: process.env.HOST,
  // Bun drops a connection silent for 10 s by default; the handler's `: ping`
  // comes after 15 s (`heartbeatMs`) of silence, so allow more than that.
  idleTimeout: 30,
  routes: { '/api/ask/stream': askStream },
  fetch: () => new Response('Not found', { status: 404 }),
});
console.log(`ask-stream on ${server.url}api/ask/stream`);
