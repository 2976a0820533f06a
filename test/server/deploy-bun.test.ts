// docs/deploy.md, Bun: examples/deploy/bun.ts, bundled as `bun build` would
// (esbuild here, so `ask-stream/server` resolves to the sources), run by the
// `bun` binary of the `bun` npm package.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { overHttp } from './fixtures/deploy-checks.js';
import { ROOT } from './fixtures/edge-bundle.js';
import { recipeSuite } from './fixtures/recipe-suite.js';
import { findRuntime, runRecipe } from './fixtures/run-recipe.js';

const bun = findRuntime('bun', ['bun/bin/bun.exe', '@oven/bun-linux-x64/bin/bun', '.bin/bun']);

recipeSuite(
  'deploy recipe: Bun (examples/deploy/bun.ts)',
  async (env) => {
    const dir = await mkdtemp(join(tmpdir(), 'ask-stream-bun-'));
    const file = join(dir, 'server.js');
    await build({
      entryPoints: [join(ROOT, 'examples/deploy/bun.ts')],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      outfile: file,
      logLevel: 'silent',
    });
    const running = await runRecipe(bun.path!, ['run', file], { ...env, PORT: '0', HOST: '127.0.0.1' });
    return {
      ...overHttp(running.endpoint),
      stop: async () => {
        await running.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
  { skip: bun.reason },
);
