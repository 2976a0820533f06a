// Node's own `http` server: `node server.js` (or `tsx server.ts`).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAskStreamHandler, openAICompatibleBackend } from 'ask-stream/server';
import { toNodeHandler } from 'ask-stream/server/node';

const askStream = toNodeHandler(
  createAskStreamHandler({
    backend: openAICompatibleBackend({
      baseURL: process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
      apiKey: process.env.OPENAI_API_KEY,
      model: process.env.OPENAI_MODEL ?? 'gpt-4o-mini',
    }),
    allowOrigins: process.env.ALLOW_ORIGINS?.split(',') ?? [],
  }),
);

const server = http.createServer((req, res) => {
  if (req.url?.split('?')[0] === '/api/ask/stream') askStream(req, res);
  else res.writeHead(404).end();
});
server.listen({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST }, () => {
  const { port } = server.address() as AddressInfo;
  console.log(`ask-stream on http://localhost:${port}/api/ask/stream`);
});
