/**
 * Realistic Markdown answers (and the awkward corners of streaming) shared by the
 * renderer tests: each must render the same streamed in pieces as in one go.
 */
export const CORPUS: Record<string, string> = {
  overview: `# Getting started with **ask-stream**

Ask-stream is a *web component* that streams answers. It works with any backend that speaks [Server-Sent Events](https://html.spec.whatwg.org/multipage/server-sent-events.html).

## Install

\`\`\`bash
npm install ask-stream

# then, in your page
npx vite
\`\`\`

## Options
- \`endpoint\`: where questions go
- \`theme\`: \`light\`, \`dark\` or \`auto\`
  - \`auto\` follows the OS
  - the others force a palette
- \`timeout\` in *milliseconds*

> **Note:** the widget never renders model output as HTML.
> It is safe by construction.

---

That's it. Questions? Write to <support@example.com> or visit https://example.com/docs.
`,
  tables: `Here is a comparison:

| Library | Size (gz) | Streaming |
|:--------|----------:|:---------:|
| marked  | 12 KB     | no        |
| **ours**| \`~3 KB\`   | yes       |
| other | 40 KB | ~partial~ |

And a second one without outer pipes:

a | b
--|--
1 | 2
3 | 4

Done.`,
  listsLoose: `Steps:

1. Open the file.

2. Edit the config:

   \`\`\`json
   { "debug": true }
   \`\`\`

3. Save it.
   Then restart.

- a
- b

- c, after a blank line (same list, now loose)

7. seven
8. eight

Paragraph after.
`,
  nested: `- level one
  - level two
    - level three with \`code\`
  - back to two

    a loose paragraph inside two
- one again
  > a quote inside a list

Text.

* [ ] task open
* [x] task done
`,
  fencesWithBlankLines: `Code:

\`\`\`python
def f(x):

    return x * 2


print(f(2))
\`\`\`

~~~
tilde fence with \`\`\` inside
~~~

    indented code

    continues after a blank line

After code.
`,
  setext: `Title
=====

Subtitle
--------

A paragraph
that spans lines
===

Another paragraph

- - -
***
`,
  rawHtml: `<div class="x">
<script>alert(1)</script>
</div>

Inline <img src=x onerror=alert(1)> and <b>bold</b> tags stay text.

<!-- a comment

spanning a blank line -->

After.
`,
  inlineMix: `Mixing **bold *and italic* text**, ~~strikethrough~~, \`code with ** stars\`, escaped \\*stars\\*, a line  
break, a backslash\\
break, snake_case_name, 2*3*4 and an entity: AT&amp;T &copy; &#169; &#38;amp;.

Links: [good](https://example.com "Title"), [mail](mailto:a@example.com), [bad](javascript:alert(1)), [rel](/relative), ![img](https://example.com/i.png).
`,
  headingsTight: `# One
Text right under.
## Two
- list right under
- more
### Three
\`\`\`
code right under
\`\`\`
Paragraph
# Heading interrupting
More text.`,
  quotes: `> first quote
continues lazily

> second quote
> - with a list
>
> and a paragraph

> # heading in quote
`,
  refs: `See [the docs][docs] and [1].

Some more text.

[docs]: https://example.com/docs
[1]: https://example.com/one "One"
`,
  crlf: 'Line one\r\nline two\r\n\r\n- item\r\n- item 2\r\n\r\nend\r\n',
  unclosedFence: 'Intro\n\n```js\nconst a = 1;\n\nconst b = 2;\n',
  tableThenText: '| a | b |\n|---|---|\n| 1 | 2 |\nnot a row? it is\n\ntext\n',
  paragraphThenList: 'Options:\n- one\n- two\n\n1) first\n2) second\n\nend',
  emptyish: '\n\n   \n# Heading\n\n\n\n',
  smdCorners: `Set my_var and snake_case_name, see https://example.com/a. Or (https://example.com/b).
Brackets a[0] and [1], ![alt] and [unsafe](javascript:alert(1)).

Math $x^2$ and \\(y\\), prices $5, and

$$
e = mc^2
$$

| a |
|---|
| 1 |
text right after the table

![pic](https://example.com/p.png "P") [*see https://x.y *](https://c.d) &#106;&amp;
`,
};
