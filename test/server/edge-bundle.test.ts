// `ask-stream/server` (and its demo) import nothing from Node: bundled for the
// browser platform, as a bundler targeting a Worker would, with no Node shims,
// they build, and refer to no Node global. The check itself is shown to see a
// Node module and a Node global. (The Node adapter used to be its example of a
// Node import, but it now imports only Node's types: see src/server/node/request.ts.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bundleForEdge } from './fixtures/edge-bundle.js';

describe('ask-stream/server bundles for edge runtimes without Node shims', () => {
  for (const entry of ['src/server/index.ts', 'src/server/demo/index.ts']) {
    it(`${entry}: no Node module in its module graph, no Node global in its code`, async () => {
      const { metafile, nodeGlobals } = await bundleForEdge(entry);
      const inputs = Object.keys(metafile.inputs);
      assert.ok(inputs.length > 5, `the whole module graph was bundled (${inputs.length} modules)`);
      assert.deepEqual(
        inputs.filter((path) => /(^|\/)node(:|\/)|node_modules/.test(path)),
        [],
        'no Node module, no Node adapter, no dependency',
      );
      assert.deepEqual(nodeGlobals, [], 'no Node global');
    });
  }

  it('the check catches a Node module in the module graph', async () => {
    await assert.rejects(
      bundleForEdge({ contents: `import { Readable } from 'node:stream'; export const toWeb = Readable.toWeb;` }),
      /node:stream|built into node/i,
    );
  });

  it('the check catches a Node global used in the bundled code', async () => {
    const { nodeGlobals } = await bundleForEdge({
      contents: `export const bytes = Buffer.from('x'); export const text = 'Buffer and process, in a string, are fine';`,
    });
    assert.deepEqual(
      nodeGlobals.map((g) => g.name),
      ['Buffer'],
    );
  });
});
