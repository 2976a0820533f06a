// docs/deploy.md, Express: examples/deploy/express.ts run as is.
import { overHttp } from './fixtures/deploy-checks.js';
import { recipeSuite } from './fixtures/recipe-suite.js';
import { runNodeRecipe } from './fixtures/run-recipe.js';

recipeSuite('deploy recipe: Express (examples/deploy/express.ts)', async (env) => {
  const running = await runNodeRecipe('examples/deploy/express.ts', env);
  return { ...overHttp(running.endpoint), stop: running.stop };
});
