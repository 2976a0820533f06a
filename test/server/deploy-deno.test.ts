// docs/deploy.md, Deno: examples/deploy/deno.ts, bundled (esbuild here, so
// `ask-stream/server` resolves to the sources instead of `npm:ask-stream`),
// served by `deno serve` from the `deno` npm package's binary, with only the
// permissions the recipe names (net, env).
import { join } from 'node:path';
import { overHttp } from './fixtures/deploy-checks.js';
import { recipeSuite } from './fixtures/recipe-suite.js';
import { findRuntime, runBundledRecipe } from './fixtures/run-recipe.js';

const deno = findRuntime('deno', ['deno/deno', '@deno/linux-x64-glibc/deno', '.bin/deno']);

recipeSuite(
  'deploy recipe: Deno (examples/deploy/deno.ts, deno serve)',
  async (env) => {
    const running = await runBundledRecipe(
      'deno.ts',
      deno.path!,
      (file) => ['serve', '--allow-net', '--allow-env', '--host', '127.0.0.1', '--port', '0', file],
      (dir) => ({ ...env, DENO_DIR: join(dir, 'cache') }),
    );
    return { ...overHttp(running.endpoint), stop: running.stop };
  },
  { skip: deno.reason },
);
