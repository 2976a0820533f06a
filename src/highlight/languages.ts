// Which fence languages the highlighter knows: every accepted name (lower
// case) → the Prism grammar that highlights it. Names are those people write
// after ``` (GitHub's and Prism's aliases); a lookup never reaches
// `Prism.languages` by a raw name, whose helpers (`extend`, `insertBefore`)
// and prototype (`constructor`, `__proto__`) are not grammars.

const GRAMMAR_NAMES: Record<string, readonly string[]> = {
  bash: ['bash', 'sh', 'shell', 'zsh'],
  'shell-session': ['shell-session', 'console', 'sh-session', 'shellsession'],
  javascript: ['javascript', 'js', 'mjs', 'cjs'],
  jsx: ['jsx'],
  typescript: ['typescript', 'ts', 'mts', 'cts'],
  tsx: ['tsx'],
  json: ['json', 'jsonc', 'json5', 'webmanifest'],
  python: ['python', 'py', 'python3', 'py3'],
  markup: ['markup', 'html', 'htm', 'xhtml', 'xml', 'svg', 'mathml', 'vue', 'svelte', 'rss', 'atom'],
  css: ['css'],
  yaml: ['yaml', 'yml'],
  sql: ['sql', 'mysql', 'postgresql', 'postgres', 'pgsql', 'sqlite'],
  go: ['go', 'golang'],
  rust: ['rust', 'rs'],
  java: ['java'],
  diff: ['diff', 'patch'],
  c: ['c', 'h'],
  cpp: ['cpp', 'c++', 'cc', 'cxx', 'hpp'],
  csharp: ['csharp', 'cs', 'c#', 'dotnet'],
  kotlin: ['kotlin', 'kt', 'kts'],
  ruby: ['ruby', 'rb'],
  toml: ['toml'],
  ini: ['ini', 'cfg', 'env', 'dotenv'],
  docker: ['docker', 'dockerfile', 'containerfile'],
};

/** Every fence language the highlighter knows (lower case) → the Prism grammar it uses. */
export const HIGHLIGHT_LANGUAGES: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(
    Object.create(null) as Record<string, string>,
    Object.fromEntries(Object.entries(GRAMMAR_NAMES).flatMap(([grammar, names]) => names.map((n) => [n, grammar]))),
  ),
);

/**
 * The Prism grammar for a fence's first word, or undefined. Case does not
 * matter; a `language-` prefix and anything after the name (`js{1,3}`,
 * `js:title=app.js`) are ignored.
 */
export function grammarNameOf(language: string): string | undefined {
  const name = /^(?:language-)?([\w+#.-]+)/.exec(language.trim().toLowerCase())?.[1];
  return name === undefined ? undefined : HIGHLIGHT_LANGUAGES[name];
}
