/**
 * Stands in for markdown-it's `Ruler` (lib/ruler.mjs), the ordered list of
 * rules each parser runs: the same rule chains (a rule's `alt` names the
 * other rules' chains it may also end, as a paragraph is ended by a list),
 * with only the edits the renderer makes (`push`, `at`, `before`, `disable`),
 * not `after`, `enable` or `enableOnly`. Swapped in by the builds
 * (scripts/markdown-it-aliases.mjs) to keep the CDN bundle within its budget.
 */
type RuleFn = (...args: never[]) => unknown;

interface Rule {
  name: string;
  enabled: boolean;
  fn: RuleFn;
  alt: string[];
}

interface RuleOptions {
  alt?: string[];
}

export default class Ruler {
  // markdown-it's own names, which its parsers and plugins read.
  __rules__: Rule[] = [];
  __cache__: Record<string, RuleFn[]> | null = null;

  #find(name: string): Rule {
    const rule = this.__rules__.find((r) => r.name === name);
    if (!rule) throw new Error(`Parser rule not found: ${name}`);
    return rule;
  }

  #add(at: number, name: string, fn: RuleFn, options?: RuleOptions): void {
    this.__rules__.splice(at, 0, { name, enabled: true, fn, alt: options?.alt ?? [] });
    this.__cache__ = null;
  }

  push(name: string, fn: RuleFn, options?: RuleOptions): void {
    this.#add(this.__rules__.length, name, fn, options);
  }

  before(beforeName: string, name: string, fn: RuleFn, options?: RuleOptions): void {
    this.#add(this.__rules__.indexOf(this.#find(beforeName)), name, fn, options);
  }

  at(name: string, fn: RuleFn, options?: RuleOptions): void {
    const rule = this.#find(name);
    rule.fn = fn;
    rule.alt = options?.alt ?? [];
    this.__cache__ = null;
  }

  disable(name: string): void {
    this.#find(name).enabled = false;
    this.__cache__ = null;
  }

  /** The enabled rules of a chain (`''`: all of them), in order. */
  getRules(chain: string): RuleFn[] {
    if (!this.__cache__) {
      const cache: Record<string, RuleFn[]> = { '': [] };
      for (const rule of this.__rules__) {
        if (!rule.enabled) continue;
        cache['']!.push(rule.fn);
        for (const alt of rule.alt) (cache[alt] ??= []).push(rule.fn);
      }
      this.__cache__ = cache;
    }
    return this.__cache__[chain] ?? [];
  }
}
