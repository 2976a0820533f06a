// docs/deploy.md, Hono: examples/deploy/hono.ts run as is.
import { overHttp } from './fixtures/deploy-checks.js';
import { recipeSuite } from './fixtures/recipe-suite.js';
import { runNodeRecipe } from './fixtures/run-recipe.js';

recipeSuite('deploy recipe: Hono on Node (@hono/node-server) (examples/deploy/hono.ts)', async (env) => {
  const running = await runNodeRecipe('examples/deploy/hono.ts', env);
  return { ...overHttp(running.endpoint), stop: running.stop };
});
