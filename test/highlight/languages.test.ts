import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { grammarNameOf, HIGHLIGHT_LANGUAGES } from '../../src/highlight/languages.js';
import { prism } from '../../src/highlight/prism.js';

describe('languages', () => {
  it('maps every name to a grammar Prism has loaded', () => {
    for (const [name, grammar] of Object.entries(HIGHLIGHT_LANGUAGES)) {
      assert.equal(name, name.toLowerCase());
      assert.equal(typeof prism.languages[grammar], 'object', `${name} → ${grammar}`);
    }
  });

  it('resolves the names of the issue and their aliases', () => {
    const expected: Record<string, string> = {
      bash: 'bash',
      sh: 'bash',
      shell: 'bash',
      zsh: 'bash',
      js: 'javascript',
      jsx: 'jsx',
      mjs: 'javascript',
      cjs: 'javascript',
      ts: 'typescript',
      tsx: 'tsx',
      json: 'json',
      python: 'python',
      py: 'python',
      html: 'markup',
      xml: 'markup',
      svg: 'markup',
      vue: 'markup',
      css: 'css',
      yaml: 'yaml',
      yml: 'yaml',
      sql: 'sql',
      go: 'go',
      rust: 'rust',
      rs: 'rust',
      java: 'java',
      diff: 'diff',
    };
    for (const [name, grammar] of Object.entries(expected)) assert.equal(grammarNameOf(name), grammar, name);
  });

  it('ignores case, surrounding space, a language- prefix and what follows the name', () => {
    for (const spelling of ['Python', ' PY ', 'language-python', 'python{1,3}', 'py:main.py', 'python,linenos']) {
      assert.equal(grammarNameOf(spelling), 'python', spelling);
    }
    assert.equal(grammarNameOf('C++'), 'cpp');
    assert.equal(grammarNameOf('C#'), 'csharp');
  });

  it('knows no other name, whatever Prism or Object.prototype has', () => {
    for (const name of [
      '',
      'text',
      'markdown',
      'php',
      'extend',
      'insertBefore',
      'DFS',
      '__proto__',
      'constructor',
      'toString',
    ]) {
      assert.equal(grammarNameOf(name), undefined, name);
      assert.equal(HIGHLIGHT_LANGUAGES[name], undefined, name);
    }
    assert.ok(Object.isFrozen(HIGHLIGHT_LANGUAGES));
  });
});
