/**
 * The reference rendering: micromark (the CommonMark reference parser of the
 * unified ecosystem, 100% of the spec) with the GFM extensions the widget
 * implements, as HTML. Raw HTML is escaped (micromark's safe default), which is
 * what the widget does too: it shows raw HTML as text.
 *
 * Two GFM choices, both the widget's on purpose and documented in the README:
 * strikethrough needs `~~` (a single `~` stays a tilde, as models write
 * "~5 minutes"), and footnotes are not rendered (`[^1]` stays text, or becomes a
 * citation chip when source 1 exists); reference-style links are.
 */
import { micromark } from 'micromark';
import { gfmAutolinkLiteral, gfmAutolinkLiteralHtml } from 'micromark-extension-gfm-autolink-literal';
import { gfmStrikethrough, gfmStrikethroughHtml } from 'micromark-extension-gfm-strikethrough';
import { gfmTable, gfmTableHtml } from 'micromark-extension-gfm-table';
import { gfmTaskListItem, gfmTaskListItemHtml } from 'micromark-extension-gfm-task-list-item';

export function referenceHtml(markdown: string): string {
  return micromark(markdown, {
    extensions: [gfmAutolinkLiteral(), gfmStrikethrough({ singleTilde: false }), gfmTable(), gfmTaskListItem()],
    htmlExtensions: [gfmAutolinkLiteralHtml(), gfmStrikethroughHtml(), gfmTableHtml(), gfmTaskListItemHtml()],
  });
}
