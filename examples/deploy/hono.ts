// Hono, served by Node here through @hono/node-server. On Cloudflare Workers,
// Bun or Deno, drop the `serve(…)` call and `export default app`.
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { createAskStreamHandler, openAICompatibleBackend } from 'ask-stream/server';

const askStream = createAskStreamHandler({
  backend: openAICompatibleBackend({
    baseURL: process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
    apiKey: process.env.OPENAI_API_KEY,
    model: process.env.OPENAI_MODEL ?? 'gpt-4o-mini',
  }),
  allowOrigins: process.env.ALLOW_ORIGINS?.split(',') ?? [],
});

const app = new Hono();
// `c.req.raw` is the Web Request, body unread, its signal aborting when the visitor leaves.
app.on(['POST', 'OPTIONS'], '/api/ask/stream', (c) => askStream(c.req.raw));

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000), hostname: process.env.HOST }, ({ port }) => {
  console.log(`ask-stream on http://localhost:${port}/api/ask/stream`);
});
