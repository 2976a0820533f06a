// docs/deploy.md, Next.js: the route module examples/deploy/nextjs-route.ts,
// its exported POST and OPTIONS called as Next's router calls them, with a
// real `Request` (whose signal aborts when the visitor leaves), the streamed
// `Response` read as it comes. Next.js itself is not installed (too heavy to
// build here for what it would add): its routing and its `request.signal` are
// not under test.
import { inProcess } from './fixtures/deploy-checks.js';
import { recipeSuite } from './fixtures/recipe-suite.js';

recipeSuite('deploy recipe: Next.js route handler (examples/deploy/nextjs-route.ts)', async (env) => {
  // The route reads its configuration when Next loads it, as here.
  Object.assign(process.env, env);
  const route = await import('../../examples/deploy/nextjs-route.js');
  return {
    ...inProcess('http://localhost:3000/api/ask/stream', (request) => {
      // Next answers a method the module does not export with 405 itself.
      if (request.method === 'POST') return route.POST(request);
      if (request.method === 'OPTIONS') return route.OPTIONS(request);
      return Promise.resolve(new Response(null, { status: 405 }));
    }),
    stop: async () => {},
  };
});
