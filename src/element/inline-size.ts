import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/**
 * `<span ${inlineSize('90%')}>`: sets the element's inline size through the
 * CSSOM on every render. Lit's `styleMap` writes a `style` attribute on first
 * render, which is inline style markup: a page with `style-src 'self'` blocks
 * it (a `style-src-attr` violation) and the size never applies. A CSSOM write
 * is not markup, so no policy blocks it.
 */
class InlineSizeDirective extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('inlineSize() goes on an element');
  }

  render(_size: string): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [size]: [string]): typeof noChange {
    (part.element as HTMLElement).style.inlineSize = size;
    return noChange;
  }
}

export const inlineSize = directive(InlineSizeDirective);
