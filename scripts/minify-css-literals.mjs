// A Vite plugin for the CDN build: minifies the CSS inside Lit's css`` template
// literals in the *.styles.ts files. Bundlers minify script, not CSS held in
// strings, and the widget's styles are about a tenth of the bundle. The rules
// are the safe subset: comments out, runs of white space to one, none around
// { } ; , or after a colon, no last ; in a block. Strings in these files hold
// no such characters (the tests load the built bundle and check the styles).
export function minifyCssLiterals() {
  return {
    name: 'minify-css-literals',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!/\.styles\.ts$/.test(id)) return undefined;
      return {
        code: code.replace(/\bcss`([^`]*)`/g, (_, body) => `css\`${minifyCss(body)}\``),
        map: null,
      };
    },
  };
}

export function minifyCss(css) {
  return css
    .replace(/\/\*[^]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();
}
