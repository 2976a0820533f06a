import { expect } from '@open-wc/testing';
import { HREF, token_to_string } from 'streaming-markdown';
import { TokenTree, type MdNode } from '../../src/render/token-tree.js';
import { pieces } from './helpers.js';
import { CORPUS } from './markdown-corpus.js';

/** A readable form of a node: `Type[children]`, attributes as `@value`. */
const show = (n: MdNode | string): string =>
  typeof n === 'string'
    ? JSON.stringify(n)
    : `${token_to_string(n.type)}${Object.values(n.attrs)
        .map((v) => `@${v}`)
        .join('')}[${n.children.map(show).join(',')}]`;

/** Feeds `chunks`, ends, and returns the finished blocks as strings. */
function blocks(chunks: string[]): string[] {
  const out: string[] = [];
  const tree = new TokenTree((b) => out.push(show(b)));
  for (const c of chunks) tree.write(c);
  tree.end();
  expect(tree.open).to.equal(undefined);
  return out;
}

describe('TokenTree', () => {
  it('records tokens, attributes and merged text', () => {
    expect(blocks(['# Hi **there**\n\nSee [a](https://e.x) `c`'])).to.deep.equal([
      'Heading_1["Hi ",Strong_Ast["there"]]',
      'Paragraph["See ",Link@https://e.x["a"]," ",Code_Inline["c"]]',
    ]);
    // Text written in many pieces is still one string.
    expect(blocks([...'one two three'])).to.deep.equal(['Paragraph["one two three"]']);
  });

  it('builds the same blocks however the text is cut', () => {
    for (const [name, src] of Object.entries(CORPUS)) {
      const md = src.replace(/\r\n?/g, '\n');
      const expected = blocks([md]);
      for (const seed of [1, 2, 3]) expect(blocks(pieces(md, seed)), `${name} seed ${seed}`).to.deep.equal(expected);
      expect(blocks([...md]), `${name} by characters`).to.deep.equal(expected);
    }
  });

  it('hands each block over once, when it is finished, and keeps only the open one', () => {
    const done: MdNode[] = [];
    const tree = new TokenTree((b) => done.push(b));
    tree.write('First **para**.\n\nSecond');
    expect(done.map(show)).to.deep.equal(['Paragraph["First ",Strong_Ast["para"],"."]']);
    expect(done[0].done).to.equal(true);
    expect(tree.open!.done).to.equal(false);
    expect(show(tree.open!)).to.equal('Paragraph["Secon"]'); // smd holds back one character
    tree.end();
    expect(done.map(show)).to.deep.equal(['Paragraph["First ",Strong_Ast["para"],"."]', 'Paragraph["Second"]']);
    expect(tree.open).to.equal(undefined);
  });

  it('shows half-finished constructs as open nodes', () => {
    const tree = new TokenTree(() => {});
    tree.write('Some **bol');
    expect(show(tree.open!)).to.equal('Paragraph["Some ",Strong_Ast["bo"]]');
    tree.write('d** and [a link](https://exa');
    expect(show(tree.open!)).to.equal('Paragraph["Some ",Strong_Ast["bold"]," and ",Link["a link"]]');
    tree.write('mple.com)');
    expect(tree.open!.children[3])
      .to.include({ done: true })
      .and.have.nested.property(`attrs.${HREF}`, 'https://example.com');
  });

  it('gives text smd leaves at the document level a paragraph of its own', () => {
    expect(blocks(['| a |\n|---|\n| 1 |\nafter the table\n\nnext'])).to.deep.equal([
      'Table[Table_Row[Table_Cell[" a "]],Table_Row[Table_Cell[" 1 "]]]',
      'Paragraph["after the table"]',
      'Paragraph["next"]',
    ]);
  });

  it('survives nesting deeper than smd tracks', () => {
    const deep = [
      '>'.repeat(40) + ' deep\n\nafter',
      Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n'),
      '*_'.repeat(30) + 'x',
    ];
    for (const src of deep) {
      const out = blocks([src]);
      expect(out.join(), src.slice(0, 20)).to.match(/deep|item|x/);
    }
  });
});
