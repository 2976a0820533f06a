// docs/deploy.md shows the recipes the deploy-*.test.ts and workerd tests
// run: each file of examples/deploy/ (but the type declarations) appears there
// whole, character for character, as a ```ts block.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from './fixtures/edge-bundle.js';

const doc = readFileSync(join(ROOT, 'docs/deploy.md'), 'utf8');
const blocks = [...doc.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
const recipes = readdirSync(join(ROOT, 'examples/deploy')).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));

describe('docs/deploy.md quotes the tested recipes exactly', () => {
  it('has a recipe file for each of the eight runtimes', () => {
    assert.equal(recipes.length, 8, recipes.join(', '));
  });
  for (const file of recipes) {
    it(`examples/deploy/${file}`, () => {
      const code = readFileSync(join(ROOT, 'examples/deploy', file), 'utf8');
      assert.ok(blocks.includes(code), `docs/deploy.md has no block equal to examples/deploy/${file}`);
    });
  }
});
