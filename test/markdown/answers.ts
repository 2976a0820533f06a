/**
 * Answers shaped like real model output, for the fidelity harness: what
 * assistants write (steps with code, comparison tables, citations, prices,
 * shell variables, snake_case names, long URLs, CJK and right-to-left text),
 * including the cases that rendered wrong before the renderer was rewritten.
 * Every one must render exactly as the reference renders it.
 */
export const ANSWERS: Record<string, string> = {
  pricesAndShellVariables: `Use \`$PATH\` to see where binaries are found, or just echo $PATH; totals $1,000 vs $2,000.

The **Pro** plan costs $12/month ($120/year), and the *Team* plan $25 per seat. A one-off export is $0.50.
`,

  fenceInsideNumberedList: `To connect the CLI:

1. Install it:

   \`\`\`bash
   npm install -g acme-cli
   \`\`\`

2. Log in with \`acme login\`.
3. Paste your key:
   \`\`\`bash
   export ACME_API_KEY="sk-live-123"
   \`\`\`
4. Save the file and restart your shell.
`,

  secondParagraphInListItem: `- **Caching**: responses are cached for 5 minutes.

  Set \`Cache-Control: no-store\` to turn it off for one request.
- **Retries**: failed requests are retried twice.

  The delay doubles each time (500 ms, then 1 s).
`,

  unclosedEmphasisInMath: `The sort runs in O(n*log n) time, so for 2*3*4 = 24 items it makes about 110 comparisons.

A plain asterisk * on its own stays as it is, and so does 5 * 3.
`,

  underscoresInNames: `Call \`init_client()\` before anything else. The flag lives in window.__xss_guard and the config key is max_retry_count (default 3).

Files: my_project/src/utils_v2.py, __init__.py and snake_case_module.py.
`,

  brokenLinkThenMore: `First paragraph with [a broken link](

## A heading after it

Later paragraphs still show, including **this warning**: never paste your key into a chat.
`,

  urlWithParentheses: `See [the Wikipedia article](https://en.wikipedia.org/wiki/Rust_(programming_language)) and [this one](https://example.com/x_(y)).

Raw: https://en.wikipedia.org/wiki/Mercury_(planet) is also fine.
`,

  autolinks: `Docs: <https://docs.example.com/getting-started>, support: <support@example.com>.

Bare URLs work too: https://example.com/path?query=1&b=2, www.example.org, and help@example.com.
`,

  setextHeadings: `Overview
========

The service has two parts.

Details
-------

Each part scales on its own.
`,

  referenceCitations: `Streaming cuts perceived latency [1], and most users prefer it [2]. Server-Sent Events are the simplest transport [1][3].

[1]: https://developer.mozilla.org/en-US/docs/Web/API/Server-sent_events "MDN: Server-sent events"
[2]: https://example.com/study
[3]: https://html.spec.whatwg.org/multipage/server-sent-events.html
`,

  referenceLinksFull: `Read the [installation guide][install] first, then the [API reference][].

[install]: https://docs.example.com/install
[API reference]: https://docs.example.com/api
`,

  parenthesisLists: `Steps:

1) Open the dashboard.
2) Click **Settings**.
3) Choose *Billing*.
`,

  tableWithAlignmentAndPipes: `| Plan | Price | Notes |
|:-----|------:|:-----:|
| Free | $0 | 1 seat |
| Pro | $12 | uses \`a \\| b\` filters |
| Enterprise | Contact us | SSO \\| SCIM |
`,

  comparisonTable: `Here is how the options compare:

| Option | Latency | Cost | Best for |
| --- | --- | --- | --- |
| WebSockets | Low | Medium | Two-way chat |
| Server-Sent Events | Low | Low | Streaming answers |
| Long polling | High | Low | Legacy browsers |

**Recommendation:** use Server-Sent Events.
`,

  nestedEmphasis: `This is ***very important***: **do not _ever_ share** your token, and *never **commit** it*.

~~Deprecated~~ — use the new endpoint instead.
`,

  codeWithBackticks: `Use \`\` \`code\` \`\` to show backticks, or a fence:

\`\`\`\`markdown
\`\`\`js
console.log('nested fence');
\`\`\`
\`\`\`\`
`,

  pythonExample: `Here's a minimal example:

\`\`\`python
import os

def get_client(api_key: str | None = None):
    """Return a configured client."""
    key = api_key or os.environ["ACME_API_KEY"]
    return Client(key, timeout=30)
\`\`\`

Then call \`get_client()\` once and reuse it.
`,

  typescriptExample: `\`\`\`ts
interface User {
  id: string;
  email: string;
}

export async function fetchUser(id: string): Promise<User> {
  const res = await fetch(\`/api/users/\${id}\`);
  if (!res.ok) throw new Error(\`HTTP \${res.status}\`);
  return res.json();
}
\`\`\`
`,

  shellSession: `Run these commands:

\`\`\`bash
$ git clone https://github.com/example/repo.git
$ cd repo && npm ci
$ npm test -- --watch
\`\`\`

If \`npm ci\` fails with \`EACCES\`, fix the permissions of ~/.npm.
`,

  cjkAnswer: `## 安装

使用 \`npm install ask-stream\` 安装。然后在页面中添加 **一个标签**：

- 支持流式输出
- 支持 *Markdown* 渲染

日本語の説明：ストリーミングは**速い**です。한국어도 지원합니다.
`,

  rtlAnswer: `## التثبيت

استخدم الأمر \`npm install ask-stream\` ثم أضف **عنصرًا واحدًا** إلى الصفحة.

- يدعم البث المباشر
- يدعم *Markdown*

בעברית: הווידג'ט **מהיר** ותומך ב-RTL.
`,

  longUrls: `The full query is https://analytics.example.com/reports/2024/q3/revenue-by-region?currency=USD&granularity=daily&include_forecast=true&segment=enterprise_customers#chart-3 and it is slow.

Shortened: [the report](https://analytics.example.com/reports/2024/q3/revenue-by-region?currency=USD&granularity=daily).
`,

  headingsAllLevels: `# Title

## Section

### Subsection

#### Details

##### Minor

###### Smallest

Closing paragraph.
`,

  blockquoteWithList: `> **Note**
> The API is in beta. Expect:
>
> - breaking changes
> - rate limits of 60 requests/minute

Continue below the note.
`,

  nestedLists: `- Frontend
  - React
  - Vue
    - Options API
    - Composition API
- Backend
  1. Node.js
  2. Deno
- Tooling
`,

  taskList: `Launch checklist:

- [x] Write the docs
- [x] Add tests
- [ ] Announce it
- [ ] Celebrate 🎉
`,

  horizontalRules: `Part one.

---

Part two.

***

Part three.
`,

  hardBreaks: `Address:  
221B Baker Street  
London\\
United Kingdom
`,

  inlineHtmlAsText: `Press <kbd>Ctrl</kbd>+<kbd>C</kbd> to copy. Use <br> for breaks in HTML, and never trust <script>alert(1)</script>.
`,

  htmlBlockAsText: `<details>
<summary>Click to expand</summary>

Hidden **content** here.

</details>

After the details.
`,

  escapedCharacters: `Literal characters: \\*not emphasis\\*, \\_not either\\_, \\# not a heading, 1\\. not a list, \\[not a link\\](x).
`,

  entities: `Copyright &copy; 2024 &mdash; all rights reserved. 5 &times; 3 &ne; 16, &frac12; cup, caf&eacute;, &#8364;20, &#x1F600;.
`,

  mathLikeText: `The cost is $C = n^2$ for n items; with $10 and $20 you get 2 tokens. Exponents: 2^10 = 1024, and x_1 + x_2 = y.
`,

  emojiAndSymbols: `✅ Done! 🚀 Shipped → next: ⚠️ review. Arrows ← ↑ → ↓, math ∑ ∫ ≈ ≠, and a family 👨‍👩‍👧.
`,

  jsonExample: `The response looks like this:

\`\`\`json
{
  "id": "req_123",
  "status": "complete",
  "sources": [{ "title": "Docs", "url": "https://example.com" }]
}
\`\`\`
`,

  yamlConfig: `\`\`\`yaml
server:
  port: 8080
  cors:
    allow_origins: ["https://example.com"]
\`\`\`

Restart after editing \`config.yaml\`.
`,

  sqlQuery: `\`\`\`sql
SELECT user_id, COUNT(*) AS orders
FROM orders
WHERE created_at > NOW() - INTERVAL '30 days'
GROUP BY user_id
HAVING COUNT(*) > 5;
\`\`\`
`,

  diffBlock: `\`\`\`diff
- const timeout = 1000;
+ const timeout = 30_000;
\`\`\`
`,

  indentedCode: `Old-style indented code:

    make build
    make install

Then run it.
`,

  tildeFence: `~~~go
package main

func main() { println("hi") }
~~~
`,

  approximateTilde: `It takes ~5 minutes to build and ~10 to deploy, so about ~15 in total.
`,

  strikethroughPrices: `~~$49~~ **$29** for the first year.
`,

  looseList: `Three options:

- Use the hosted version.

- Self-host with Docker.

- Build from source.
`,

  orderedStartNumber: `Continuing from step 4:

4. Configure DNS.
5. Verify the domain.
6. Go live.
`,

  listThenCode: `Two approaches:

* With npm:

      npm install ask-stream

* With a CDN tag.
`,

  mixedInlineCode: `Set \`NODE_ENV=production\`, then \`npm run build\`. The output goes to \`dist/\` and the entry is \`dist/index.js\`; \`*.map\` files are optional.
`,

  linksWithTitles: `See [the guide](https://example.com/guide "Getting started guide") and [the FAQ](https://example.com/faq 'Frequently asked').
`,

  unsafeLinks: `Don't click [this](javascript:alert(1)) or [that](data:text/html,hi); [relative](/docs) links and [anchors](#top) show as text too. [Mail us](mailto:team@example.com).
`,

  imageAnswer: `Here's the diagram:

![Architecture diagram](https://example.com/arch.png "System architecture")

And an unsafe one: ![x](javascript:alert(1)).
`,

  citationsNumbers: `Rust is memory-safe without a garbage collector [1]. It was first released in 2015 [2]. Many companies use it in production [1][3].
`,

  footnoteStyleMarkers: `This claim needs a source[^1], and so does this one[^2].
`,

  longParagraph: `${'Streaming answers render as they arrive, which makes the interface feel fast even when the model is slow. '.repeat(12)}
`,

  mixedEverything: `# Quick start

Install the package (it's **12 KB** gzipped):

\`\`\`bash
npm i ask-stream
\`\`\`

Then:

1. Import it: \`import 'ask-stream'\`.
2. Add \`<ask-stream endpoint="/api/ask">\` to your page.
3. Style it with \`--ask-stream-accent\`.

| Option | Default |
|--------|---------|
| \`timeout\` | 30000 |
| \`theme\` | auto |

> Tip: set \`allow-images\` only for trusted backends.

See https://example.com/docs for more.
`,

  headingWithTrailingHashes: `## Configuration ##

### Environment variables ###

Use \`.env\` files.
`,

  emphasisWithPunctuation: `**Important:** read this. *Optional*, but useful. "**Quoted bold**" and (_parenthesized_) text, too.
`,

  snakeCaseInItalics: `The *snake_case_name* variable and the _camelCase_ one differ; __dunder__ methods like __init__ are special.
`,

  backslashPaths: `On Windows the path is C:\\Users\\me\\AppData\\Local\\acme, and in WSL /mnt/c/Users/me.
`,

  numbersAndUnits: `Throughput rose from 1.2k to 3.4k req/s (+183%), p99 latency fell 250ms → 90ms, and memory was 512 MiB * 3 replicas.
`,

  questionAnswerPairs: `**Q: Does it work offline?**
A: No, it needs the endpoint.

**Q: Can I theme it?**
A: Yes, with CSS custom properties.
`,

  nestedBlockquotes: `> Level one
>> Level two
>>> Level three
`,

  tableWithInlineFormatting: `| Feature | Status | Link |
|---|:---:|---|
| **Streaming** | ✅ | [docs](https://example.com/streaming) |
| *Citations* | ✅ | https://example.com/citations |
| ~~Plugins~~ | ❌ | — |
`,

  tableWithoutOuterPipes: `Name | Value
--- | ---
alpha | 1
beta | 2
`,

  tableEmptyCells: `| a | b | c |
|---|---|---|
| 1 |   | 3 |
|   | 2 |   |
`,

  codeSpanWithPipesInTable: `| Command | Meaning |
|---|---|
| \`ls \\| wc -l\` | count files |
| \`cat a b\` | concatenate |
`,

  multilineListItems: `1. First item that goes on
   over two lines.
2. Second item with a lazy
continuation line.
3. Third.
`,

  emailsAndHandles: `Contact jane.doe+support@example.co.uk or @janedoe on the forum; the address admin@localhost is not a link.
`,

  wwwWithPath: `Go to www.example.com/pricing?plan=pro. Or (www.example.org/docs).
`,

  trailingPunctuationUrls: `Visit https://example.com. Also https://example.com/a_(b)! And "https://example.com/q?x=1".
`,

  definitionStyle: `**Latency**
: time until the first token arrives.

**Throughput**
: tokens per second after that.
`,

  smartQuotesAndDashes: `"Straight quotes" stay straight -- and so do 'single' ones... no typographer here.
`,

  zeroWidthAndNbsp: `Non&nbsp;breaking space and a soft&shy;hyphen; zero&#8203;width space.
`,

  emptyAndWhitespace: `

Only text after blank lines.


`,

  deepListCode: `- Level 1
  - Level 2
    - Level 3 with code:

      \`\`\`sh
      echo "deep"
      \`\`\`
`,

  // Markers whose only closer hides after an escape, inside a run, or at a link's end: the
  // parser skips emphasis in paragraphs where nothing can close (closable-delimiters.ts).
  delimitersThatCanOnlyCloseLate: `Globs like *.md and *.ts match every file, and _private _fields stay ~~as ~~written.

List them: ls *.log ~/logs/*.txt | wc -l

Globs like *.md and *.ts match; so does \\**bold*, and **\\*starred\\***.

Wrapped [*a link's text*](https://example.com/t) and *[a link](https://example.com/u) in italics*.

Deleted ~~a ~~b and ~~c~~, intraword snake_case_names, then _under_score_ and __strong__.

Math: 2*3*4 = 24 and a*b* c, then x_1 and y_2_.
`,
};
