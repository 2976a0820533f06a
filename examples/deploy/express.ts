// Express 5 (4 works the same way).
import express from 'express';
import type { AddressInfo } from 'node:net';
import { createAskStreamHandler, openAICompatibleBackend } from 'ask-stream/server';
import { toNodeHandler } from 'ask-stream/server/node';

const app = express();
// `app.use`, not `app.post`: the CORS preflight (OPTIONS) must reach it too.
// Keep compression middleware off this path: it would hold the stream back.
app.use(
  '/api/ask/stream',
  toNodeHandler(
    createAskStreamHandler({
      backend: openAICompatibleBackend({
        baseURL: process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
        apiKey: process.env.OPENAI_API_KEY,
        model: process.env.OPENAI_MODEL ?? 'gpt-4o-mini',
      }),
      allowOrigins: process.env.ALLOW_ORIGINS?.split(',') ?? [],
    }),
  ),
);

const server = app.listen({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST }, () => {
  const { port } = server.address() as AddressInfo;
  console.log(`ask-stream on http://localhost:${port}/api/ask/stream`);
});
