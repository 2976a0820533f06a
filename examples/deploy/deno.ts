// Deno 2: `deno serve --allow-net --allow-env --port 3000 main.ts`, after
// `deno add npm:ask-stream`.
import { createAskStreamHandler, openAICompatibleBackend } from 'ask-stream/server';

const askStream = createAskStreamHandler({
  backend: openAICompatibleBackend({
    baseURL: Deno.env.get('OPENAI_BASE_URL') ?? 'https://api.openai.com/v1',
    apiKey: Deno.env.get('OPENAI_API_KEY'),
    model: Deno.env.get('OPENAI_MODEL') ?? 'gpt-4o-mini',
  }),
  allowOrigins: Deno.env.get('ALLOW_ORIGINS')?.split(',') ?? [],
});

export default {
  fetch(request: Request): Promise<Response> | Response {
    if (new URL(request.url).pathname === '/api/ask/stream') return askStream(request);
    return new Response('Not found', { status: 404 });
  },
};
