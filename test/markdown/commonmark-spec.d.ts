// Types for the `commonmark-spec` package (the spec's examples, extracted).
declare module 'commonmark-spec' {
  export interface SpecExample {
    markdown: string;
    html: string;
    section: string;
    number: number;
  }
  const spec: { tests: SpecExample[]; version: string };
  export default spec;
}
