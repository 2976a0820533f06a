import { expect } from '@open-wc/testing';
import { image, link } from '../../src/render/links.js';
import { mount } from './helpers.js';

describe('link', () => {
  it('links a safe absolute URL, normalized, opening a new tab without opener or referrer', () => {
    const a = mount(link('https://example.com/a b', 'T', 'text')).querySelector('a')!;
    expect([a.getAttribute('href'), a.title, a.target, a.rel, a.textContent]).to.deep.equal([
      'https://example.com/a%20b',
      'T',
      '_blank',
      'noopener noreferrer',
      'text',
    ]);
  });

  it('renders the text alone for any other URL', () => {
    for (const url of [
      'javascript:alert(1)',
      '/relative',
      '#top',
      'data:text/html,x',
      '//evil.example/x',
      ' JaVaScRiPt:x',
    ]) {
      const el = mount(link(url, undefined, 'text'));
      expect(el.querySelector('a')?.outerHTML ?? null, url).to.equal(null);
      expect(el.textContent, url).to.equal('text');
    }
  });
});

describe('image', () => {
  it('renders an http(s) image only when images are allowed', () => {
    expect(mount(image('https://example.com/i.png', 'alt', undefined, false)).textContent).to.equal('alt');
    const img = mount(image('https://example.com/i.png', 'alt', 'T', true)).querySelector('img')!;
    expect([img.getAttribute('src'), img.alt, img.title, img.loading, img.referrerPolicy]).to.deep.equal([
      'https://example.com/i.png',
      'alt',
      'T',
      'lazy',
      'no-referrer',
    ]);
    expect(mount(image('mailto:a@b.c', 'alt', undefined, true)).textContent).to.equal('alt');
  });
});
