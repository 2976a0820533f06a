/** The results every benchmark returns, the printed table and the JSON file. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type Verdict = 'met' | 'MISSED' | '';

export interface Row {
  metric: string;
  askStream: string;
  /** The naive baseline's figure, when there is one. */
  naive?: string;
  /** naive ÷ ask-stream, for costs (higher: ask-stream is cheaper). */
  ratio?: string;
  target?: string;
  verdict?: Verdict;
}

export interface Outcome {
  id: string;
  title: string;
  rows: Row[];
  notes: string[];
  /** Everything measured, for the JSON file. */
  raw: unknown;
}

export const fmt = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : String(x));
export const ms = (x: number, digits = 1): string => `${fmt(x, digits)} ms`;
export const ratio = (naive: number, own: number): string =>
  own > 0 && Number.isFinite(naive) ? `${fmt(naive / own, 1)}×` : '–';
export const verdict = (ok: boolean): Verdict => (ok ? 'met' : 'MISSED');

export function printTable(outcomes: readonly Outcome[]): string {
  const header = ['id', 'metric', 'ask-stream', 'naive', 'naive ÷ ask-stream', 'target', 'verdict'];
  const lines: string[][] = [header];
  for (const o of outcomes) {
    for (const r of o.rows) {
      lines.push([o.id, r.metric, r.askStream, r.naive ?? '', r.ratio ?? '', r.target ?? '', r.verdict ?? '']);
    }
  }
  const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  const out = lines.map((l) =>
    l
      .map((c, i) => c.padEnd(widths[i]!))
      .join(' │ ')
      .trimEnd(),
  );
  out.splice(1, 0, widths.map((w) => '─'.repeat(w)).join('─┼─'));
  return out.join('\n');
}

export function markdownTable(outcomes: readonly Outcome[]): string {
  const rows = [
    '| id | metric | ask-stream | naive | naive ÷ ask-stream | target | verdict |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const o of outcomes) {
    for (const r of o.rows) {
      const cells = [
        o.id,
        r.metric,
        r.askStream,
        r.naive ?? '',
        r.ratio ?? '',
        r.target ?? '',
        r.verdict === 'MISSED' ? '**missed**' : (r.verdict ?? ''),
      ];
      rows.push(`| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`);
    }
  }
  return rows.join('\n');
}

export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}
