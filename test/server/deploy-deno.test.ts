// docs/deploy.md, Deno: examples/deploy/deno.ts, bundled (esbuild here, so
// `ask-stream/server` resolves to the sources instead of `npm:ask-stream`),
// served by `deno serve` from the `deno` npm package's binary, with only the
// permissions the recipe names (net, env).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { overHttp } from './fixtures/deploy-checks.js';
import { ROOT } from './fixtures/edge-bundle.js';
import { recipeSuite } from './fixtures/recipe-suite.js';
import { findRuntime, runRecipe } from './fixtures/run-recipe.js';

const deno = findRuntime('deno', ['deno/deno', '@deno/linux-x64-glibc/deno', '.bin/deno']);

recipeSuite(
  'deploy recipe: Deno (examples/deploy/deno.ts, deno serve)',
  async (env) => {
    const dir = await mkdtemp(join(tmpdir(), 'ask-stream-deno-'));
    const file = join(dir, 'main.js');
    await build({
      entryPoints: [join(ROOT, 'examples/deploy/deno.ts')],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      outfile: file,
      logLevel: 'silent',
    });
    const running = await runRecipe(
      deno.path!,
      ['serve', '--allow-net', '--allow-env', '--host', '127.0.0.1', '--port', '0', file],
      { ...env, DENO_DIR: join(dir, 'cache') },
    );
    return {
      ...overHttp(running.endpoint),
      stop: async () => {
        await running.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
  { skip: deno.reason },
);
