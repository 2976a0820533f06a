// `npm run manifest` (custom-elements-manifest analyzer) reads this file for its
// plugins; the globs and flags are on the command line in package.json.

/**
 * A default written as a constant (`this.timeout = DEFAULT_TIMEOUT`) would reach
 * the manifest as the constant's name, which tells a reader nothing. Where the
 * name is a module-level constant the analyzer saw, it is replaced by the
 * constant's value (`30_000` → `30000`), so the source keeps one constant and
 * the manifest still shows the number.
 */
function resolveConstantDefaults() {
  return {
    name: 'ask-stream:resolve-constant-defaults',
    packageLinkPhase({ customElementsManifest }) {
      const constants = new Map();
      const declarations = customElementsManifest.modules.flatMap((m) => m.declarations ?? []);
      for (const d of declarations) {
        if (d.kind !== 'variable' || d.default === undefined) continue;
        // Two constants of one name: which one is meant is unknown, so neither is used.
        constants.set(d.name, constants.has(d.name) ? undefined : d.default);
      }
      const literal = (value) => (/^[\d_.]+$/.test(value) ? value.replaceAll('_', '') : value);
      for (const d of declarations.filter((x) => x.customElement)) {
        for (const item of [...(d.attributes ?? []), ...(d.members ?? [])]) {
          const value = item.default !== undefined ? constants.get(item.default) : undefined;
          if (value !== undefined) item.default = literal(value);
        }
      }
    },
  };
}

export default {
  plugins: [resolveConstantDefaults()],
};
