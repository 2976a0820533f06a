import { expect } from '@open-wc/testing';
import { decodeHTML, decodeHTMLStrict } from '../../../src/render/vendor/html-entities.js';

describe('html-entities (the stand-in for `entities`)', () => {
  it('decodes the HTML 4 names: Latin-1, Greek, typography, arrows and maths', () => {
    expect(
      decodeHTMLStrict(
        '&nbsp;&copy;&AElig;&yuml;&frac34;&Omega;&sigmaf;&omega;&mdash;&hellip;&euro;&rarr;&ne;&hearts;&apos;',
      ),
    ).to.equal("\u00a0©Æÿ¾Ωςω—…€→≠♥'");
    expect(decodeHTML('AT&amp;T')).to.equal('AT&T');
  });

  it('leaves names it does not know, and anything without a semicolon, as they are', () => {
    expect(decodeHTMLStrict('&Dcaron; &MadeUp; &copy &#169;')).to.equal('&Dcaron; &MadeUp; &copy &#169;');
  });
});
