import { expect } from '@open-wc/testing';
import { MAX_BLOCK_DEPTH, TEXT_BLOCK, parseMarkdown } from '../../src/render/parse-markdown.js';

describe('parseMarkdown', () => {
  it('parses blocks with their inline children', () => {
    const tokens = parseMarkdown('# Hi *there*\n', {});
    expect(tokens.map((t) => t.type)).to.deep.equal(['heading_open', 'inline', 'heading_close']);
    expect(tokens[1]!.children!.map((t) => t.type)).to.deep.equal(['text', 'em_open', 'text', 'em_close']);
  });

  it('collects link reference definitions into the environment, first one winning, and resolves with it', () => {
    const env = {
      references: { SEEN: { href: 'https://seen.example', title: '' } } as Record<
        string,
        { href: string; title: string }
      >,
    };
    parseMarkdown('[A]: https://a.example\n[a]: https://other.example\n', env);
    expect(Object.keys(env.references).sort()).to.deep.equal(['A', 'SEEN']);
    expect(env.references.A!.href).to.equal('https://a.example');
    const link = parseMarkdown('[seen]\n', env)[1]!.children![0]!;
    expect([link.type, link.attrs?.find(([name]) => name === 'href')?.[1]]).to.deep.equal([
      'link_open',
      'https://seen.example',
    ]);
  });

  it('turns lines nested past the cap into a text block instead of recursing', () => {
    const tokens = parseMarkdown(`${'>'.repeat(MAX_BLOCK_DEPTH + 100)} deep\n`, {});
    const text = tokens.find((t) => t.type === TEXT_BLOCK)!;
    expect(text.content).to.equal(`${'>'.repeat(100)} deep`);
    expect(Math.max(...tokens.map((t) => t.level))).to.be.at.most(MAX_BLOCK_DEPTH);
  });

  it('parses 10,000 nested list markers and 2,000 quotes without throwing', () => {
    expect(() => parseMarkdown(`${'- '.repeat(10_000)}x`, {})).to.not.throw();
    expect(() => parseMarkdown(`${'> '.repeat(2_000)}x`, {})).to.not.throw();
  });
});
