import Module from 'node:module';

/**
 * Modules pdfkit and fontkit require when they load but a report never uses: AES encryption (@noble/ciphers), PNG
 * images (png-js) and WOFF2 fonts (brotli, whose dictionary alone is 750 kB of source decoded at load). Loading them
 * was a tenth of the PDF command's module loading. unicode-properties (an 11 ms data trie) is needed only to shape
 * text (Arabic, combining marks): Latin, Greek and Cyrillic glyphs are looked up without it (fonts.ts, simpleGlyph).
 */
const UNUSED = new Set(['@noble/ciphers/aes', 'png-js', 'brotli/decompress.js', 'unicode-properties']);

/** A stand-in that loads the real module the first time it is used in any way (called, constructed, read). */
function deferred(load: () => object): object {
  let real: object | undefined;
  const target = () => (real ??= load());
  return new Proxy(function placeholder() {}, {
    get: (_, key) => Reflect.get(target(), key),
    has: (_, key) => Reflect.has(target(), key),
    apply: (_, self, args) => Reflect.apply(target() as (...a: unknown[]) => unknown, self, args),
    construct: (_, args) => Reflect.construct(target() as new (...a: unknown[]) => object, args),
    getPrototypeOf: () => Reflect.getPrototypeOf(target()),
  });
}

interface Loader {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
}

/**
 * pdfkit's document class, loaded with the modules in UNUSED deferred until first use (so an encrypted PDF or a PNG
 * image would still work): the module loader is wrapped only while pdfkit and its dependencies load.
 */
function loadPdfkit(): typeof import('pdfkit') {
  const loader = Module as unknown as Loader;
  const load = loader._load;
  loader._load = function (request, parent, isMain) {
    if (UNUSED.has(request)) return deferred(() => load.call(this, request, parent, isMain) as object);
    return load.call(this, request, parent, isMain);
  };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('pdfkit') as typeof import('pdfkit');
  } finally {
    loader._load = load;
  }
}

const PDFDocument = loadPdfkit();
export default PDFDocument;
