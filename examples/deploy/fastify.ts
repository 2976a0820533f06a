// Fastify 5.
import Fastify from 'fastify';
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

const app = Fastify();
await app.register(async (scope) => {
  // In this scope only: leave the request body unread, for the handler reads
  // it itself, within its own bounds (size, time).
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', (_request, _body, done) => done(null));
  scope.route({
    method: ['POST', 'OPTIONS'],
    url: '/api/ask/stream',
    handler: (request, reply) => {
      // The handler writes the response itself: Fastify must not.
      reply.hijack();
      askStream(request.raw, reply.raw);
    },
  });
});

const address = await app.listen({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? 'localhost' });
console.log(`ask-stream on ${address}/api/ask/stream`);
