/** What rendering a Markdown tree needs besides the tree. */
export interface RenderContext {
  /** Render images (http/https only); off by default, since an image URL is a request the model chooses. */
  images: boolean;
  /** The copy button's text, its text once copied, and its accessible name. */
  strings: { copy: string; copied: string; copyLabel: string };
  /** The node whose content ends with the streaming cursor, if it is in what is being rendered. */
  cursor?: object | undefined;
  /** Rendering the content of a link: a link inside must render as its text. */
  inLink?: boolean;
}
