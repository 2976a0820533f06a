// docs/deploy.md, Fastify: examples/deploy/fastify.ts run as is.
import { overHttp } from './fixtures/deploy-checks.js';
import { recipeSuite } from './fixtures/recipe-suite.js';
import { runNodeRecipe } from './fixtures/run-recipe.js';

recipeSuite('deploy recipe: Fastify (examples/deploy/fastify.ts)', async (env) => {
  const running = await runNodeRecipe('examples/deploy/fastify.ts', env);
  return { ...overHttp(running.endpoint), stop: running.stop };
});
