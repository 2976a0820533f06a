import { expect } from '@open-wc/testing';
import { safeImageUrl, safeLinkUrl } from '../../src/render/safe-url.js';

describe('safeLinkUrl', () => {
  it('accepts absolute http, https and mailto URLs, normalized', () => {
    expect(safeLinkUrl('https://example.com/a b?q=1')).to.equal('https://example.com/a%20b?q=1');
    expect(safeLinkUrl('HTTP://EXAMPLE.com')).to.equal('http://example.com/');
    expect(safeLinkUrl('mailto:someone@example.com')).to.equal('mailto:someone@example.com');
  });

  it('rejects script and data schemes however they are spelled', () => {
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      ' \u0001javascript:alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'blob:https://example.com/uuid',
    ]) {
      expect(safeLinkUrl(bad), JSON.stringify(bad)).to.equal(null);
    }
  });

  it('rejects relative, protocol-relative and unparsable URLs', () => {
    for (const bad of [
      '/docs',
      'docs/a',
      '//evil.example/x',
      '#top',
      '?q=1',
      '&#106;avascript:alert(1)',
      'https://',
      '',
    ]) {
      expect(safeLinkUrl(bad), JSON.stringify(bad)).to.equal(null);
    }
  });
});

describe('safeImageUrl', () => {
  it('accepts only absolute http and https', () => {
    expect(safeImageUrl('https://example.com/i.png')).to.equal('https://example.com/i.png');
    expect(safeImageUrl('mailto:a@example.com')).to.equal(null);
    expect(safeImageUrl('data:image/png;base64,AAAA')).to.equal(null);
    expect(safeImageUrl('javascript:alert(1)')).to.equal(null);
    expect(safeImageUrl('i.png')).to.equal(null);
  });
});
