import { expect } from '@open-wc/testing';
import { isRecord } from '../src/protocol.js';

describe('protocol', () => {
  it('isRecord: a plain object, not null, an array or a primitive', () => {
    expect([{}, { type: 'chunk' }, Object.create(null)].map(isRecord)).to.deep.equal([true, true, true]);
    expect([null, undefined, [], ['a'], 'x', 1, true].map(isRecord)).to.deep.equal([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
