import { expect } from '@open-wc/testing';
import { destination, splitUrl } from '../../src/render/links.js';

describe('destination', () => {
  it('splits a link destination into URL and title', () => {
    expect(destination('https://e.x/a')).to.deep.equal({ url: 'https://e.x/a', title: undefined });
    expect(destination('https://e.x/a "The title"')).to.deep.equal({ url: 'https://e.x/a', title: 'The title' });
    expect(destination("https://e.x/a 'single'")).to.deep.equal({ url: 'https://e.x/a', title: 'single' });
    expect(destination('<https://e.x/a b>')).to.deep.equal({ url: 'https://e.x/a b', title: undefined });
  });

  it('resolves character references before anything checks the URL', () => {
    expect(destination('&#106;avascript:alert(1)').url).to.equal('javascript:alert(1)');
    expect(destination('&#x6A;avascript:x &quot;t&quot;')).to.deep.equal({ url: 'javascript:x', title: 't' });
  });
});

describe('splitUrl', () => {
  it('leaves sentence punctuation after a raw URL out of it', () => {
    expect(splitUrl('https://e.x/docs.')).to.deep.equal(['https://e.x/docs', '.']);
    expect(splitUrl('https://e.x/a?b=1,')).to.deep.equal(['https://e.x/a?b=1', ',']);
    expect(splitUrl('https://e.x/a!?')).to.deep.equal(['https://e.x/a', '!?']);
    expect(splitUrl('https://e.x/a**')).to.deep.equal(['https://e.x/a', '**']);
  });

  it('keeps a closing parenthesis only when the URL opened one', () => {
    expect(splitUrl('https://e.x/Foo_(bar)')).to.deep.equal(['https://e.x/Foo_(bar)', '']);
    expect(splitUrl('https://e.x/a)')).to.deep.equal(['https://e.x/a', ')']);
    expect(splitUrl('https://e.x/(a)).')).to.deep.equal(['https://e.x/(a)', ').']);
  });
});
