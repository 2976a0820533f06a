// Next.js (app router): app/api/ask/stream/route.ts.
import { createAskStreamHandler, openAICompatibleBackend } from 'ask-stream/server';

const askStream = createAskStreamHandler({
  backend: openAICompatibleBackend({
    baseURL: process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
    apiKey: process.env.OPENAI_API_KEY,
    model: process.env.OPENAI_MODEL ?? 'gpt-4o-mini',
  }),
  allowOrigins: process.env.ALLOW_ORIGINS?.split(',') ?? [],
});

export const POST = (request: Request) => askStream(request);
export const OPTIONS = (request: Request) => askStream(request);
// An answer is never cached or prerendered.
export const dynamic = 'force-dynamic';
