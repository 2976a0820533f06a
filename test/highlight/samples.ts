// A short, realistic snippet of each grammar the highlighter loads, of the kind
// an answer shows, with class names its tokens must include. The time-bound
// tests repeat them into 200 KB blocks.

export interface Sample {
  code: string;
  /** Class names some token of `code` must carry. */
  classes: string[];
}

export const SAMPLES: Record<string, Sample> = {
  bash: {
    code: `#!/usr/bin/env bash
# Install the package and start the server
set -euo pipefail
export PORT="\${PORT:-3000}"
for file in ./dist/*.js; do
  echo "built $file ($(wc -c < "$file") bytes)"
done
if [ -z "$API_KEY" ]; then echo 'API_KEY is missing' >&2; exit 1; fi
npm install ask-stream && npm start -- --port "$PORT"
`,
    classes: ['comment', 'shebang', 'keyword', 'string', 'variable', 'function', 'operator'],
  },
  'shell-session': {
    code: `$ npm install ask-stream
added 3 packages in 2s
$ curl -N -X POST http://localhost:3000/api/ask/stream -d '{"query":"hi"}'
data: {"type":"start"}
`,
    classes: ['command', 'shell-symbol', 'output'],
  },
  javascript: {
    code: `import { createAskStreamHandler, httpBackend } from 'ask-stream/server';

// One handler for every route
const handler = createAskStreamHandler({ backend: httpBackend(process.env.URL), timeoutMs: 30_000 });
export async function POST(request) {
  const started = Date.now();
  const response = await handler(request);
  console.log(\`answered in \${Date.now() - started} ms\`, /ms$/.test('10ms'));
  return response ?? new Response(null, { status: 204 });
}
`,
    classes: [
      'keyword',
      'string',
      'comment',
      'function',
      'number',
      'operator',
      'punctuation',
      'template-string',
      'regex',
      'class-name',
    ],
  },
  jsx: {
    code: `import { useState } from 'react';

export function Ask({ endpoint }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="ask">
      <button onClick={() => setOpen(!open)}>Ask a question</button>
      {open && <ask-stream endpoint={endpoint} theme="auto" />}
    </div>
  );
}
`,
    classes: ['keyword', 'tag', 'attr-name', 'attr-value', 'punctuation', 'function', 'plain-text'],
  },
  typescript: {
    code: `import type { Highlighter, HighlightToken } from 'ask-stream/highlight';

interface Options<T extends string> {
  readonly language: T;
  maxLength?: number;
}

export const upper: Highlighter = (code: string, language: string): HighlightToken[] => {
  const tokens: HighlightToken[] = [{ text: code.toUpperCase() }];
  return language === 'shout' ? tokens : [{ text: code }];
};
type Keys = keyof Options<'ts'>; // 'language' | 'maxLength'
`,
    classes: ['keyword', 'builtin', 'class-name', 'string', 'comment', 'operator', 'punctuation', 'function'],
  },
  tsx: {
    code: `import type { FC } from 'react';

export const Help: FC<{ token: string }> = ({ token }) => (
  <ask-stream endpoint="/api/ask/stream" headers={{ Authorization: \`Bearer \${token}\` }} />
);
`,
    classes: ['keyword', 'tag', 'attr-name', 'attr-value', 'template-string', 'interpolation', 'builtin'],
  },
  json: {
    code: `{
  "name": "ask-stream",
  "version": "0.1.0",
  "private": false,
  "keywords": ["ai", "widget"],
  "engines": { "node": ">=20" },
  "license": null,
  "size": 22.8
}
`,
    classes: ['property', 'string', 'number', 'boolean', 'null', 'punctuation', 'operator'],
  },
  python: {
    code: `import os
from dataclasses import dataclass

@dataclass
class Answer:
    """An answer and its sources."""
    text: str
    confidence: float = 0.0

def ask(query: str, *, timeout: int = 30) -> Answer:
    # Ask the pipeline; retry once on failure
    url = os.environ.get("ML_PIPELINE_URL", 'http://localhost:8000')
    if not query.strip():
        raise ValueError(f"empty query: {query!r}")
    return Answer(text=f"{url} says hi", confidence=0.9)
`,
    classes: ['keyword', 'string', 'comment', 'function', 'number', 'decorator', 'class-name', 'operator', 'builtin'],
  },
  markup: {
    code: `<!doctype html>
<html lang="en">
  <head>
    <!-- the widget, from a CDN -->
    <script type="module" src="https://cdn.jsdelivr.net/npm/ask-stream/dist/ask-stream.js"></script>
    <style>ask-stream { --ask-stream-accent: #7c3aed; }</style>
  </head>
  <body>
    <ask-stream endpoint="/api/ask/stream" theme="auto">&nbsp;</ask-stream>
  </body>
</html>
`,
    classes: ['doctype', 'tag', 'attr-name', 'attr-value', 'comment', 'entity', 'punctuation', 'language-css'],
  },
  css: {
    code: `/* The widget's palette */
:root {
  --ask-stream-accent: #7c3aed;
}
ask-stream.compact > *:hover,
ask-stream::part(send) {
  border-radius: calc(var(--ask-stream-radius) / 2) !important;
  background: url("data:image/png;base64,AAAA") no-repeat;
}
@media (max-width: 600px) {
  ask-stream { font-size: 0.9rem; }
}
`,
    classes: ['comment', 'selector', 'property', 'punctuation', 'function', 'important', 'url', 'atrule', 'rule'],
  },
  yaml: {
    code: `# GitHub Actions
name: ci
on:
  push:
    branches: [main]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm ci && npm test
        env:
          CI: true
          RETRIES: 2
          TOKEN: "\${{ secrets.TOKEN }}"
`,
    classes: ['comment', 'key', 'atrule', 'punctuation', 'boolean', 'number', 'string'],
  },
  sql: {
    code: `-- Questions asked most this week
SELECT q.text, COUNT(*) AS asked, MAX(a.confidence) AS best
FROM questions q
LEFT JOIN answers a ON a.question_id = q.id
WHERE q.created_at > NOW() - INTERVAL '7 days' AND q.text <> ''
GROUP BY q.text
HAVING COUNT(*) > 3
ORDER BY asked DESC
LIMIT 20;
`,
    classes: ['comment', 'keyword', 'function', 'string', 'number', 'operator', 'punctuation'],
  },
  go: {
    code: `package main

import (
	"fmt"
	"net/http"
)

// handler streams a greeting
func handler(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/event-stream")
	for i := 0; i < 3; i++ {
		fmt.Fprintf(w, "data: %d\\n\\n", i)
	}
}

func main() { http.ListenAndServe(\`:8080\`, http.HandlerFunc(handler)) }
`,
    classes: ['keyword', 'string', 'comment', 'function', 'number', 'operator', 'punctuation'],
  },
  rust: {
    code: `use std::collections::HashMap;

/// Counts words in an answer.
#[derive(Debug, Default)]
pub struct Counter<'a> { words: HashMap<&'a str, usize> }

impl<'a> Counter<'a> {
    pub fn add(&mut self, text: &'a str) -> usize {
        for word in text.split_whitespace() {
            *self.words.entry(word).or_insert(0) += 1;
        }
        println!("{} words", self.words.len());
        self.words.len()
    }
}
`,
    classes: [
      'keyword',
      'comment',
      'attribute',
      'lifetime-annotation',
      'function',
      'macro',
      'string',
      'number',
      'operator',
    ],
  },
  java: {
    code: `package com.example.ask;

import java.net.http.HttpClient;
import java.util.List;

/** Asks a question and prints the answer. */
public final class Ask {
    private static final int TIMEOUT = 30_000;

    @Override
    public String toString() { return "Ask(" + TIMEOUT + ")"; }

    public static void main(String[] args) throws Exception {
        List<String> questions = List.of("What is ask-stream?");
        var client = HttpClient.newHttpClient();
        questions.forEach(q -> System.out.println(q + client));
    }
}
`,
    classes: [
      'keyword',
      'comment',
      'annotation',
      'string',
      'number',
      'class-name',
      'function',
      'operator',
      'namespace',
    ],
  },
  diff: {
    code: `diff --git a/src/index.ts b/src/index.ts
--- a/src/index.ts
+++ b/src/index.ts
@@ -1,4 +1,5 @@
 import './define.js';
-export * from './api.js';
+export * from './api.js';
+export { highlight } from './highlight/index.js';
 // end
`,
    classes: ['coord', 'inserted', 'deleted', 'unchanged', 'prefix', 'line'],
  },
  c: {
    code: `#include <stdio.h>
#define MAX 16

/* Print each argument. */
int main(int argc, char **argv) {
    for (int i = 1; i < argc && i < MAX; i++) {
        printf("%d: %s\\n", i, argv[i]);
    }
    return 0;
}
`,
    classes: ['macro', 'comment', 'keyword', 'function', 'string', 'number', 'operator', 'punctuation'],
  },
  cpp: {
    code: `#include <iostream>
#include <vector>

namespace ask {
template <typename T>
class Stream {
public:
    explicit Stream(std::vector<T> items) : items_(std::move(items)) {}
    auto size() const noexcept -> std::size_t { return items_.size(); }
private:
    std::vector<T> items_;
};
}  // namespace ask

int main() { std::cout << ask::Stream<int>({1, 2, 3}).size() << std::endl; }
`,
    classes: ['macro', 'keyword', 'class-name', 'function', 'comment', 'number', 'operator', 'punctuation'],
  },
  csharp: {
    code: `using System.Net.Http;

namespace Ask;

/// <summary>Streams an answer.</summary>
public sealed class AskClient(HttpClient http)
{
    public async Task<string> AskAsync(string query, CancellationToken ct = default)
    {
        var response = await http.PostAsync("/api/ask/stream", new StringContent($"{{\\"query\\":\\"{query}\\"}}"), ct);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(ct) : string.Empty;
    }
}
`,
    classes: [
      'keyword',
      'namespace',
      'class-name',
      'comment',
      'function',
      'string',
      'interpolation-string',
      'operator',
      'punctuation',
    ],
  },
  kotlin: {
    code: `package ask

import kotlinx.coroutines.flow.Flow

// Streams the answer's chunks
data class Chunk(val content: String, val index: Int = 0)

suspend fun ask(query: String): List<Chunk> {
    val words = query.split(" ")
    return words.mapIndexed { i, w -> Chunk("$w!", i) }
}
`,
    classes: ['keyword', 'comment', 'function', 'string', 'interpolation', 'number', 'operator', 'punctuation'],
  },
  ruby: {
    code: `require "net/http"

# Asks a question and yields each chunk
class AskClient
  attr_reader :endpoint

  def initialize(endpoint = "http://localhost:3000/api/ask/stream")
    @endpoint = URI(endpoint)
  end

  def ask(query, &block)
    Net::HTTP.post(@endpoint, { query: query }.to_json).body.each_line(&block)
  end
end
`,
    classes: [
      'keyword',
      'comment',
      'string',
      'symbol',
      'variable',
      'function',
      'class-name',
      'operator',
      'punctuation',
    ],
  },
  toml: {
    code: `# Cargo.toml
[package]
name = "ask-stream-client"
version = "0.1.0"
edition = 2021

[dependencies]
reqwest = { version = "0.12", features = ["stream"], default-features = false }
`,
    classes: ['comment', 'table', 'key', 'string', 'number', 'boolean', 'punctuation'],
  },
  ini: {
    code: `; settings for the demo server
[server]
port = 5173
allow_origins = https://www.example.com

[backend]
ML_PIPELINE_URL=http://localhost:8000
`,
    classes: ['comment', 'section', 'key', 'value', 'punctuation'],
  },
  docker: {
    code: `# syntax=docker/dockerfile:1
FROM node:20-slim AS build
WORKDIR /app
COPY package*.json ./
RUN npm ci && npm run build
ENV PORT=3000 \\
    NODE_ENV=production
EXPOSE 3000
CMD ["node", "server.js"]
`,
    classes: ['comment', 'keyword', 'string', 'operator'],
  },
};
