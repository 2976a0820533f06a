import { expect } from '@open-wc/testing';
import { decodeEntities } from '../../src/render/entities.js';

describe('decodeEntities', () => {
  it('resolves decimal and hex references', () => {
    expect(decodeEntities('&#106;&#x61;&#X76;a')).to.equal('java');
    expect(decodeEntities('&#128512;')).to.equal('😀');
  });

  it('resolves the common named references and leaves unknown ones literal', () => {
    expect(decodeEntities('AT&amp;T &lt;b&gt; &quot;q&quot; &apos; &copy; &hellip;')).to.equal('AT&T <b> "q" \' © …');
    expect(decodeEntities('&bogus; &constructor; &toString; & &amp')).to.equal(
      '&bogus; &constructor; &toString; & &amp',
    );
  });

  it('decodes once: an escaped ampersand stays an ampersand reference', () => {
    expect(decodeEntities('&#38;amp;')).to.equal('&amp;');
    expect(decodeEntities('&amp;lt;')).to.equal('&lt;');
  });

  it('turns impossible code points into U+FFFD instead of throwing', () => {
    expect(decodeEntities('&#0;&#xD800;&#9999999;&#x10FFFF;')).to.equal('\ufffd\ufffd\ufffd\u{10ffff}');
  });

  it('returns text without references unchanged', () => {
    const s = 'plain text';
    expect(decodeEntities(s)).to.equal(s);
  });
});
