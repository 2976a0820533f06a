import { expect } from '@open-wc/testing';
import * as api from '../../src/render/index.js';

describe('render/index', () => {
  it('exports the renderer, its styles and the URL checks, and nothing else', () => {
    expect(Object.keys(api).sort()).to.deep.equal([
      'IncrementalMarkdown',
      'markdownStyles',
      'safeImageUrl',
      'safeLinkUrl',
    ]);
  });
});
