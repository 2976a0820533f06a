// prismjs ships JavaScript only; its core's default export is typed (narrowly)
// where it is used, in prism.ts. The components are imported for their side
// effect (registering a grammar) and need no declaration.
declare module 'prismjs/components/prism-core.js' {
  const Prism: unknown;
  export default Prism;
}
