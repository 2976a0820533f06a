import type { Plugin } from 'vite';
import { demoBackend } from '../src/server/demo/index.js';
import {
  createAskStreamHandler,
  httpBackend,
  memoryResumeStore,
  openAICompatibleBackend,
  type AskBackend,
} from '../src/server/index.js';
import { toNodeHandler } from '../src/server/node/index.js';

/** The path the widget POSTs to by default. */
const ENDPOINT = '/api/ask/stream';

/** A backend and the line that tells the person running `npm start` which one it is. */
export interface ChosenBackend {
  backend: AskBackend;
  description: string;
}

/**
 * Picks the backend from the environment: `ML_PIPELINE_URL` → the ML pipeline,
 * `OPENAI_BASE_URL` (+ `OPENAI_API_KEY`, `OPENAI_MODEL`) → an OpenAI-compatible
 * API, neither → the built-in demo. The first one set wins.
 */
export function backendFromEnv(env: NodeJS.ProcessEnv = process.env): ChosenBackend {
  const pipeline = env.ML_PIPELINE_URL?.trim();
  if (pipeline) {
    return {
      backend: httpBackend(pipeline),
      description: `ML pipeline at ${pipeline} (POST ${pipeline.replace(/\/+$/, '')}/api/ask), from ML_PIPELINE_URL`,
    };
  }
  const baseURL = env.OPENAI_BASE_URL?.trim();
  if (baseURL) {
    const model = env.OPENAI_MODEL?.trim();
    if (!model) {
      // Failing here beats a 404 "model not found" on every question later.
      throw new Error(
        'OPENAI_BASE_URL is set but OPENAI_MODEL is not: set it to a model name, e.g. OPENAI_MODEL=llama3.2 (Ollama) or OPENAI_MODEL=gpt-4o-mini (OpenAI).',
      );
    }
    const apiKey = env.OPENAI_API_KEY?.trim() || undefined;
    return {
      backend: openAICompatibleBackend({ baseURL, apiKey, model }),
      // Never the key itself: this line ends up in terminals and CI logs.
      description: `OpenAI-compatible API at ${baseURL}, model ${model}, ${apiKey ? 'with' : 'without'} OPENAI_API_KEY`,
    };
  }
  return {
    backend: demoBackend(),
    description:
      'demo (built-in documents about ask-stream; set ML_PIPELINE_URL or OPENAI_BASE_URL for a real backend)',
  };
}

/** `ALLOW_ORIGINS=https://a.example,https://b.example`: the cross-origin pages allowed to ask. */
export function allowOriginsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.ALLOW_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter(Boolean);
}

/**
 * Mounts the ask-stream handler at `POST /api/ask/stream` in Vite's dev and
 * preview servers, with the backend the environment asks for, the origins of
 * `ALLOW_ORIGINS`, and a memory resume store (one instance: retries and resumes
 * never run the backend twice).
 */
export function askStreamDevServer(env: NodeJS.ProcessEnv = process.env): Plugin {
  let chosen: ChosenBackend | undefined;
  const allowOrigins = allowOriginsFromEnv(env);
  const middleware = () => {
    chosen ??= backendFromEnv(env);
    return toNodeHandler(
      createAskStreamHandler({ backend: chosen.backend, allowOrigins, resumeStore: memoryResumeStore() }),
    );
  };
  const announce = (info: (message: string) => void) =>
    info(
      `[ask-stream] POST ${ENDPOINT} → backend: ${chosen!.description}` +
        (allowOrigins.length ? `; cross-origin pages allowed (ALLOW_ORIGINS): ${allowOrigins.join(', ')}` : ''),
    );
  // First in the stack, ahead of Vite's own CORS middleware, which would answer
  // this endpoint's preflights by Vite's rules (localhost only) instead of the handler's.
  const mount = (middlewares: { stack: Array<{ route: string; handle: unknown }> }, handle: unknown) =>
    middlewares.stack.unshift({ route: ENDPOINT, handle });
  return {
    name: 'ask-stream-dev-server',
    configureServer(server) {
      mount(server.middlewares, middleware());
      // After Vite's own banner, which clears the screen before it prints.
      server.httpServer?.once('listening', () => setTimeout(() => announce((m) => server.config.logger.info(m))));
    },
    configurePreviewServer(server) {
      mount(server.middlewares, middleware());
      server.httpServer.once('listening', () => setTimeout(() => announce((m) => server.config.logger.info(m))));
    },
  };
}
