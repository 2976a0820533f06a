// docs/deploy.md, Bun: examples/deploy/bun.ts, bundled as `bun build` would
// (esbuild here, so `ask-stream/server` resolves to the sources), run by the
// `bun` binary of the `bun` npm package.
import { overHttp } from './fixtures/deploy-checks.js';
import { recipeSuite } from './fixtures/recipe-suite.js';
import { findRuntime, runBundledRecipe } from './fixtures/run-recipe.js';

const bun = findRuntime('bun', ['bun/bin/bun.exe', '@oven/bun-linux-x64/bin/bun', '.bin/bun']);

recipeSuite(
  'deploy recipe: Bun (examples/deploy/bun.ts)',
  async (env) => {
    const running = await runBundledRecipe(
      'bun.ts',
      bun.path!,
      (file) => ['run', file],
      () => ({ ...env, PORT: '0', HOST: '127.0.0.1' }),
    );
    return { ...overHttp(running.endpoint), stop: running.stop };
  },
  { skip: bun.reason },
);
