import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { IncrementalMarkdown } from '../../src/render/incremental-markdown.js';
import { markdownStyles } from '../../src/render/markdown.styles.js';
import { tokens } from '../../src/theme/tokens.styles.js';
import { mount } from './helpers.js';

/**
 * Emulates the reduced-motion preference where the runner can (Chromium, over
 * CDP); Firefox over BiDi and WebKit over WebDriver cannot, and say so by throwing.
 */
async function emulateReducedMotion(value: 'reduce' | 'no-preference'): Promise<boolean> {
  try {
    await emulateMedia({ reducedMotion: value });
    return true;
  } catch {
    return false;
  }
}

/** The rules that apply under `@media (prefers-reduced-motion: reduce)`. */
function reducedMotionRules(): CSSStyleRule[] {
  return [...markdownStyles.styleSheet!.cssRules]
    .filter(
      (r): r is CSSMediaRule => r instanceof CSSMediaRule && /prefers-reduced-motion:\s*reduce/.test(r.conditionText),
    )
    .flatMap((m) => [...m.cssRules].filter((r): r is CSSStyleRule => r instanceof CSSStyleRule));
}

/** Renders `md` (streaming) into a shadow root that has the tokens and the Markdown styles, inside a wrapper. */
function styled(md: string, streaming = true): ShadowRoot {
  const wrapper = document.createElement('div');
  const host = document.createElement('div');
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [tokens.styleSheet!, markdownStyles.styleSheet!];
  mount(new IncrementalMarkdown().render(md, streaming), root as unknown as HTMLElement);
  wrapper.append(host);
  document.body.append(wrapper);
  return root;
}

describe('markdownStyles', () => {
  afterEach(async () => {
    document.body.replaceChildren();
    await emulateReducedMotion('no-preference');
  });

  it("uses the widget's one palette: its private tokens, no colours or fallbacks of its own", () => {
    const text = markdownStyles.cssText;
    for (const name of ['code-background', 'border', 'radius', 'muted', 'accent', 'spacing', 'font-mono']) {
      expect(text).to.contain(`var(--_${name})`, name);
      expect(tokens.cssText).to.contain(`--_${name}: var(--ask-stream-${name}, `, name);
    }
    expect(text).to.not.match(/--ask-stream-|#[\da-f]{3,8}\b|rgb|hsl/i);
  });

  it('themes through the design tokens, set on an ancestor', () => {
    const root = styled('A `code` span.\n\n```\nblock\n```\n\nend\n');
    root.host.parentElement!.style.setProperty('--ask-stream-code-background', 'rgb(1, 2, 3)');
    expect(getComputedStyle(root.querySelector('p code')!).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(root.querySelector('.md-code')!).backgroundColor).to.equal('rgb(1, 2, 3)');
  });

  it('labels the copy button through CSS and keeps tables scrollable', () => {
    const root = styled('```\nx\n```\n\n| a |\n|---|\n| 1 |\n\nend\n');
    const copy = root.querySelector<HTMLElement>('.md-copy')!;
    expect(copy.dataset.label).to.equal('Copy');
    // Chromium and WebKit resolve attr() in the computed value; Firefox reports it as written.
    expect(getComputedStyle(copy, '::after').content).to.be.oneOf(['"Copy"', 'attr(data-label)']);
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
    if (await emulateReducedMotion('reduce')) {
      root = styled('typing');
      expect(getComputedStyle(root.querySelector('.cursor')!).animationName).to.equal('none');
    } else {
      // Where the preference cannot be emulated, check the rule that honours it.
      const cursor = reducedMotionRules().find((r) => r.selectorText.includes('.cursor'));
      expect(cursor, 'a reduced-motion rule for the cursor').to.not.equal(undefined);
      expect(cursor!.style.animationName || cursor!.style.animation).to.match(/none/);
    }
  });
});
