// docs/deploy.md, plain node:http: examples/deploy/node-http.ts run as is.
import { overHttp } from './fixtures/deploy-checks.js';
import { recipeSuite } from './fixtures/recipe-suite.js';
import { runNodeRecipe } from './fixtures/run-recipe.js';

recipeSuite('deploy recipe: node:http (examples/deploy/node-http.ts)', async (env) => {
  const running = await runNodeRecipe('examples/deploy/node-http.ts', env);
  return { ...overHttp(running.endpoint), stop: running.stop };
});
