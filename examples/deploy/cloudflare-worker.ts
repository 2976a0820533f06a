// Cloudflare Workers: src/worker.ts, with `main = "src/worker.ts"` and a
// `compatibility_date` in wrangler.toml, and no `nodejs_compat` flag: the
// handler needs nothing from Node. Vars and secrets (`wrangler secret put
// OPENAI_API_KEY`) arrive as `env`, with the first request.
import { createAskStreamHandler, openAICompatibleBackend, type AskStreamHandler } from 'ask-stream/server';

interface Env {
  OPENAI_BASE_URL: string;
  OPENAI_MODEL: string;
  OPENAI_API_KEY?: string;
  /** Comma-separated origins of the pages that embed the widget. */
  ALLOW_ORIGINS?: string;
}

let handler: AskStreamHandler | undefined;

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    handler ??= createAskStreamHandler({
      backend: openAICompatibleBackend({
        baseURL: env.OPENAI_BASE_URL,
        apiKey: env.OPENAI_API_KEY,
        model: env.OPENAI_MODEL,
      }),
      allowOrigins: env.ALLOW_ORIGINS?.split(',') ?? [],
    });
    return handler(request);
  },
};
