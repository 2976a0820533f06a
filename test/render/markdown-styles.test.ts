import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { IncrementalMarkdown } from '../../src/render/incremental-markdown.js';
import { markdownStyles } from '../../src/render/markdown.styles.js';
import { mount } from './helpers.js';

/** Renders `md` (streaming) into a shadow root that has the Markdown styles. */
function styled(md: string, streaming = true): ShadowRoot {
  const host = document.createElement('div');
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [markdownStyles.styleSheet!];
  mount(new IncrementalMarkdown().render(md, streaming), root as unknown as HTMLElement);
  document.body.append(host);
  return root;
}

describe('markdownStyles', () => {
  afterEach(async () => {
    document.body.replaceChildren();
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('uses the element custom properties, each with a fallback', () => {
    const text = markdownStyles.cssText;
    for (const name of ['code-background', 'border', 'radius', 'muted', 'accent', 'spacing', 'font-mono']) {
      expect(text).to.match(new RegExp(`var\\(--ask-stream-${name},[^)]`), name);
    }
    expect(text).to.not.match(/var\(--ask-stream-[\w-]+\)/); // no var() without a fallback
  });

  it('themes through the custom properties', () => {
    const root = styled('A `code` span.\n\n```\nblock\n```\n\nend\n');
    (root.host as HTMLElement).style.setProperty('--ask-stream-code-background', 'rgb(1, 2, 3)');
    expect(getComputedStyle(root.querySelector('p code')!).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(root.querySelector('pre')!).backgroundColor).to.equal('rgb(1, 2, 3)');
  });

  it('labels the copy button through CSS and keeps tables scrollable', () => {
    const root = styled('```\nx\n```\n\n| a |\n|---|\n| 1 |\n\nend\n');
    expect(getComputedStyle(root.querySelector('.md-copy')!, '::after').content).to.equal('"Copy"');
    expect(getComputedStyle(root.querySelector('.md-table')!).overflowX).to.equal('auto');
  });

  it('lets the browser skip full pages of finished blocks off screen, and only those', () => {
    const root = styled(Array.from({ length: 70 }, (_, i) => `Paragraph ${i}.`).join('\n\n'));
    const pages = [...root.querySelectorAll('.md-page')].map((p) => getComputedStyle(p).contentVisibility);
    expect(pages).to.deep.equal(['auto', 'visible']);
    expect(getComputedStyle(root.querySelector('.md-block')!).contentVisibility).to.equal('visible');
  });

  it('blinks the cursor, unless the reader prefers reduced motion', async () => {
    let root = styled('typing');
    expect(getComputedStyle(root.querySelector('.cursor')!).animationName).to.equal('md-blink');
    await emulateMedia({ reducedMotion: 'reduce' });
    root = styled('typing');
    expect(getComputedStyle(root.querySelector('.cursor')!).animationName).to.equal('none');
  });
});
