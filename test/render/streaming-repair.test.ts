import { expect } from '@open-wc/testing';
import { closersFor, repairForStreaming } from '../../src/render/streaming-repair.js';

describe('closersFor', () => {
  it('closes open emphasis, strikethrough and code, innermost first', () => {
    expect(closersFor('**bold and *it')).to.equal('***');
    expect(closersFor('~~old **new')).to.equal('**~~');
    expect(closersFor('run `npm i')).to.equal('`');
    expect(closersFor('``code with ` inside')).to.equal('``');
    expect(closersFor('**done** and *done*')).to.equal('');
  });

  it('follows the flanking rules: no closer for a star between spaces or an underscore inside a word', () => {
    expect(closersFor('5 * 3 and snake_case_name')).to.equal('');
    expect(closersFor('_open')).to.equal('_');
    expect(closersFor('2*3')).to.equal('');
  });

  it('forgets openers of an earlier list item, heading or table row', () => {
    expect(closersFor('- **a\n- b')).to.equal('');
    expect(closersFor('| *a |\n| b')).to.equal('');
  });

  it('closes a few nested openers, innermost first', () => {
    expect(closersFor('*a _b **c ~~d `e')).to.equal('`~~**_*');
    expect(closersFor('*a '.repeat(8))).to.equal('*'.repeat(8));
  });

  it('closes nothing in a paragraph of more openers than an answer leaves open (a looping model): its text is shown as is', () => {
    expect(closersFor('*a '.repeat(50_000))).to.equal('');
    expect(closersFor('~~a '.repeat(50_000))).to.equal('');
    expect(closersFor('*a '.repeat(33))).to.equal('');
  });
});

describe('repairForStreaming', () => {
  it('holds back a last line of markers only, and shows a table head once its delimiter row starts', () => {
    expect(repairForStreaming('Text\n-', false)).to.equal('Text\n');
    expect(repairForStreaming('Text\n\n1.', false)).to.equal('Text\n\n');
    expect(repairForStreaming('| a | b |\n|--', false)).to.equal('| a | b |\n| --- | --- |');
  });

  it('shows a link in progress as its text, an image in progress as nothing', () => {
    expect(repairForStreaming('See [the docs](https://exa', false)).to.equal('See the docs');
    expect(repairForStreaming('See [the do', false)).to.equal('See the do');
    expect(repairForStreaming('A ![pic](https://exa', false)).to.equal('A');
    expect(repairForStreaming('Escaped \\[x', false)).to.equal('Escaped \\[x');
  });

  it('drops delimiters with nothing after them yet, and closes the rest', () => {
    expect(repairForStreaming('Hello **', false)).to.equal('Hello');
    expect(repairForStreaming('Some **bol', false)).to.equal('Some **bol**');
    expect(repairForStreaming('Some **bold*', false)).to.equal('Some **bold**');
  });

  it('leaves code and raw HTML as they are', () => {
    expect(repairForStreaming('```js\nconst a = 2 *', true)).to.equal('```js\nconst a = 2 *');
  });
});
