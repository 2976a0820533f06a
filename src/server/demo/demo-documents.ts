/** One document the demo backend can answer from. */
export interface DemoDocument {
  /** Shown as the cited source, and weighs most in matching. */
  title: string;
  /** Where the full text lives; relative URLs show as plain text in the widget. */
  url: string;
  /** A question this document answers, offered as a follow-up after related answers. */
  question?: string;
  /** Extra words that should find this document (synonyms, names). */
  keywords: readonly string[];
  /** The answer, in Markdown. */
  text: string;
}

/** What the demo backend knows: short notes about ask-stream itself. */
export const DEMO_DOCUMENTS: readonly DemoDocument[] = [
  {
    title: 'What is ask-stream?',
    url: 'README.md#ask-stream',
    question: 'What is ask-stream?',
    keywords: ['about', 'overview', 'widget', 'component', 'lit', 'purpose', 'introduction', 'ask-stream'],
    text: `**ask-stream** is an embeddable AI answer widget: a single custom element, \`<ask-stream>\`, built with Lit.

A visitor types a question; the widget POSTs it to your endpoint and shows the answer **while it streams** in over Server-Sent Events, followed by the sources it was drawn from. It works on any page and in any framework, because it is a standard web component.

The package also ships the server side: \`createAskStreamHandler\`, a small handler that speaks the widget's protocol and connects it to your model or ML pipeline.`,
  },
  {
    title: 'Embedding the widget',
    url: 'README.md#embedding',
    question: 'How do I add the widget to my site?',
    keywords: [
      'install',
      'embed',
      'add',
      'html',
      'script',
      'snippet',
      'setup',
      'endpoint',
      'attribute',
      'attributes',
      'npm',
      'cdn',
      'page',
    ],
    text: `Add one script and one tag to any page:

\`\`\`html
<script type="module" src="https://unpkg.com/ask-stream"></script>
<ask-stream endpoint="/api/ask/stream" theme="auto"></ask-stream>
\`\`\`

Attributes: \`endpoint\` (default \`/api/ask/stream\`), \`theme\` (\`light\`, \`dark\` or \`auto\`), \`placeholder\`, and \`timeout\` in milliseconds (default 30000). The \`headers\` property adds request headers such as authorization, and \`body\` adds extra JSON fields next to the query.

With a bundler, \`npm install ask-stream\` and \`import 'ask-stream'\`.`,
  },
  {
    title: 'Events and methods',
    url: 'README.md#events',
    question: 'Which events does the widget fire?',
    keywords: [
      'event',
      'events',
      'listen',
      'listener',
      'callback',
      'complete',
      'chunk',
      'cancel',
      'retry',
      'method',
      'methods',
      'api',
      'javascript',
      'detail',
    ],
    text: `The element tells the page what happens through DOM events that bubble and cross shadow roots:

- \`ask-stream-start\` \`{query}\`
- \`ask-stream-chunk\` \`{content, index, total}\`
- \`ask-stream-metadata\` \`{confidence, sources}\`
- \`ask-stream-complete\` \`{query, response, metadata}\`
- \`ask-stream-error\` \`{query, code, message, retryable, response}\`
- \`ask-stream-cancel\` \`{query, response}\`
- \`ask-stream-retrying\` \`{query, attempt, delayMs, code}\`
- \`ask-stream-feedback\` \`{query, response, metadata, rating, reason}\`
- \`ask-stream-open\` and \`ask-stream-close\` in launcher mode

Every question ends with exactly one of complete, error or cancel. From script, call \`el.ask('question')\`, \`el.cancel()\` and \`el.retry()\`, and read \`status\`, \`response\`, \`metadata\` and \`error\`.`,
  },
  {
    title: 'Theming and styling',
    url: 'README.md#theming',
    question: 'How do I match the widget to my brand?',
    keywords: [
      'theme',
      'theming',
      'style',
      'styling',
      'css',
      'dark',
      'light',
      'color',
      'colour',
      'colors',
      'look',
      'appearance',
      'custom',
      'property',
      'properties',
      'part',
      'font',
      'brand',
    ],
    text: `Set \`theme="light"\`, \`theme="dark"\` or \`theme="auto"\` (the default, which follows the visitor's \`prefers-color-scheme\`).

To match your brand, override the \`--ask-stream-*\` CSS custom properties on the element, for example:

\`\`\`css
ask-stream {
  --ask-stream-accent: #7c3aed;
  --ask-stream-radius: 12px;
}
\`\`\`

For deeper changes, style the exposed parts with \`::part()\`: \`form\`, \`input\`, \`send\`, \`answer\`, \`citation\`, \`source\`, \`code-header\`, \`copy-answer\`, \`feedback-up\`, \`suggestion\`, \`launcher\`, \`dialog\` and more: the README lists them all.`,
  },
  {
    title: 'The server handler',
    url: 'docs/server.md#the-handler',
    question: 'How do I run the server handler?',
    keywords: [
      'server',
      'handler',
      'backend',
      'endpoint',
      'node',
      'express',
      'next',
      'nextjs',
      'worker',
      'cloudflare',
      'deno',
      'bun',
      'hono',
      'mount',
      'route',
      'createaskstreamhandler',
      'api',
    ],
    text: `\`createAskStreamHandler(options)\` from \`ask-stream/server\` returns a function from a Web \`Request\` to a \`Response\`, so it mounts as is in Next.js route handlers, Hono, Deno, Bun and Cloudflare Workers. For Node's \`http\` and \`http2\`, Express, Fastify, Connect or Vite, wrap it with \`toNodeHandler(handler)\` from \`ask-stream/server/node\`.

It validates the JSON body \`{query}\`, sends \`start\` at once, streams the answer as \`chunk\` frames, then \`metadata\` and \`complete\`. It sends a \`: ping\` heartbeat every 15 s of silence, aborts the backend after \`timeoutMs\` (30 s) or when the visitor leaves, and answers CORS preflights for the origins in \`allowOrigins\`.`,
  },
  {
    title: 'Connecting a model or ML pipeline',
    url: 'docs/server.md#backends',
    question: 'How do I connect my own model?',
    keywords: [
      'backend',
      'backends',
      'model',
      'llm',
      'openai',
      'ollama',
      'llama',
      'gpt',
      'pipeline',
      'ml',
      'rag',
      'connect',
      'environment',
      'env',
      'stream',
      'tokens',
    ],
    text: `A backend is a function \`(query, {signal}) => answer\`. Return \`{response, confidence, sources}\` and the handler splits it into chunks, or return an async iterable of text pieces for true token streaming.

Built in:
- \`httpBackend(url)\` posts \`{query}\` to \`{url}/api/ask\` and expects JSON \`{response, confidence, sources}\`.
- \`openAICompatibleBackend({baseURL, apiKey, model})\` streams from any OpenAI-compatible API, including a local Ollama or llama.cpp server.
- The demo backend (answering you right now) needs nothing outside the machine.

\`npm start\` picks one from \`ML_PIPELINE_URL\` or \`OPENAI_BASE_URL\` (with \`OPENAI_API_KEY\` and \`OPENAI_MODEL\`), else the demo.`,
  },
  {
    title: 'Errors, timeouts and retries',
    url: 'README.md#errors',
    question: 'What happens when an answer fails?',
    keywords: [
      'error',
      'errors',
      'timeout',
      'retry',
      'fail',
      'failure',
      'failed',
      'code',
      'codes',
      'offline',
      'network',
      'unavailable',
      'slow',
    ],
    text: `When an answer fails, the widget keeps the text that already arrived, shows a message, and offers **Retry** when the error is retryable.

Server codes: \`BAD_REQUEST\` (empty or over-long question; not retryable), \`TIMEOUT\` and \`BACKEND_UNAVAILABLE\` (retryable). Client codes: \`HTTP_ERROR\`, \`BAD_CONTENT_TYPE\`, \`NETWORK\`, \`TIMEOUT\` (no bytes for \`timeout\` ms) and \`INCOMPLETE\` (the stream ended early).

The server never shows internal error text: the visitor sees "Service temporarily unavailable" while the details go to your logs.`,
  },
  {
    title: 'Security',
    url: 'README.md#security',
    question: 'Is it safe to render model output?',
    keywords: [
      'security',
      'secure',
      'safe',
      'safety',
      'csp',
      'xss',
      'injection',
      'html',
      'sanitize',
      'cors',
      'origin',
      'origins',
      'trusted',
      'types',
      'privacy',
    ],
    text: `Model output never becomes live markup: answers are rendered as text nodes and Lit templates, never through \`innerHTML\`, so the widget works under a strict Content Security Policy and Trusted Types with no sanitizer.

Links in sources only become links for \`http:\` and \`https:\` URLs. On the server, \`allowOrigins\` lists the sites that may call your endpoint from the browser (nothing beyond same-origin by default, and \`publicOrigin\` says which origin is yours), request bodies are size-limited, upstream answers are read within bounds, clients that stop reading and bodies that drip are cut off, redirects are not followed, and internal errors are never sent to the client.`,
  },
  {
    title: 'Accessibility',
    url: 'README.md#accessibility',
    question: 'Does it work with a keyboard and a screen reader?',
    keywords: [
      'accessibility',
      'accessible',
      'a11y',
      'keyboard',
      'screen',
      'reader',
      'aria',
      'focus',
      'wcag',
      'contrast',
      'motion',
      'shortcut',
      'escape',
      'enter',
    ],
    text: `The widget works from the keyboard: **Enter** asks, **Escape** cancels an answer in progress, and every control is a real button with an accessible name and a visible focus ring.

Screen readers hear "Answering…" and then "Answer complete" with the number of sources, rather than every token as it arrives; errors are announced right away, and each block reads in its own direction, so right-to-left answers read correctly. Both themes meet WCAG AA contrast, and animations respect \`prefers-reduced-motion\`.`,
  },
  {
    title: 'Citations and sources',
    url: 'README.md#citations-and-sources',
    question: 'How do citations work?',
    keywords: [
      'citation',
      'citations',
      'cite',
      'source',
      'sources',
      'reference',
      'references',
      'footnote',
      'chip',
      'card',
      'snippet',
      'link',
      'links',
    ],
    text: `A backend returns its sources in the answer's metadata, each with a \`title\`, \`url\` and \`snippet\`. A source's number is its position in that list, so a marker like [1] in the answer text becomes a chip that links to source 1; hovering or focusing the chip shows a card with the title, the domain and the snippet.

Markers that stream in before the sources become chips as soon as the metadata arrives, without redrawing the text around them. Under the answer the sources are cards numbered like the chips; twenty are shown and the rest are behind a "Show more" button. The widget never fetches a favicon or a preview.`,
  },
  {
    title: 'Feedback, copy and follow-up questions',
    url: 'README.md#feedback',
    question: 'How do I collect feedback on answers?',
    keywords: [
      'feedback',
      'rating',
      'rate',
      'thumbs',
      'vote',
      'copy',
      'clipboard',
      'suggestion',
      'suggestions',
      'follow',
      'starter',
      'questions',
      'analytics',
    ],
    text: `Under each complete answer the visitor can copy it (as Markdown) and rate it with a thumbs up or down; after a thumbs down they may add a one-line reason.

A rating fires \`ask-stream-feedback\` with \`{query, response, metadata, rating, reason}\`, and with a \`feedback-endpoint\` attribute the same JSON is also POSTed there. A failure there is only a console warning: it never disturbs the answer.

Set \`suggestions\` to an array of starter questions for the empty widget; a backend's \`suggestions\` in the metadata show as follow-up questions under the latest answer, like the ones below.`,
  },
  {
    title: 'Launcher and dialog mode',
    url: 'README.md#launcher-mode',
    question: 'Can the widget open from a button?',
    keywords: [
      'launcher',
      'button',
      'popover',
      'dialog',
      'modal',
      'open',
      'close',
      'hotkey',
      'shortcut',
      'floating',
      'corner',
      'mode',
      'header',
      'logo',
    ],
    text: `With \`mode="popover"\` the widget becomes a floating button in the corner of the page that opens it as a modal dialog, full screen on phones. Focus moves to the question box and back to the button on close, and Escape closes the dialog when nothing is streaming.

\`\`\`html
<ask-stream mode="popover" hotkey="mod+k">
  <strong slot="header">Acme docs</strong>
</ask-stream>
\`\`\`

The \`hotkey\` attribute (\`mod+k\` is Ctrl+K, or Cmd+K on a Mac) opens it from the keyboard, the \`open\` property reflects its state, and \`ask-stream-open\` and \`ask-stream-close\` report it.`,
  },
  {
    title: 'Markdown and code',
    url: 'README.md#markdown',
    question: 'Which Markdown does it render?',
    keywords: [
      'markdown',
      'commonmark',
      'gfm',
      'table',
      'tables',
      'list',
      'code',
      'block',
      'highlight',
      'highlighting',
      'syntax',
      'prism',
      'language',
      'render',
      'rendering',
      'format',
    ],
    text: `Answers render as CommonMark with GitHub's tables, task lists, strikethrough and autolinks, while they stream: each finished block is drawn once, and only the block still arriving is redrawn.

Code blocks get a header row with the language and a copy button. For colours, add the optional highlighter, built on Prism's tokenizer and kept out of the core bundle:

\`\`\`js
import 'ask-stream/highlight/register';
\`\`\`

Tables and long code lines scroll sideways inside their own box, so the widget fits a phone screen.`,
  },
];
