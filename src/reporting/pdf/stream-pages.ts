import zlib from 'node:zlib';

/** Enough of pdfkit's object references and buffered pages to end a page's content early (not in @types/pdfkit). */
interface PdfReference {
  write(chunk: string | Uint8Array): void;
  end(chunk?: string | Uint8Array): void;
  /** Whether pdfkit deflates the stream when it ends (the document compresses and no filter is set). */
  compress: boolean;
  data: { Filter?: string };
  /** What pdfkit holds of the stream so far (written before this module took over the page). */
  buffer: Uint8Array[];
}
interface BufferedPage {
  content: PdfReference;
  dictionary: { data: { Contents: PdfReference | PdfReference[] } };
}
interface BufferingDocument {
  page: BufferedPage;
  _pageBuffer: BufferedPage[];
  ref(): PdfReference;
}

/**
 * How hard page content streams are deflated. Level 1 instead of zlib's default 6: 40 % less time deflating (about
 * 2 MB of drawing operators for a 70-page report, 32 → 19 ms) for a file a fifth larger (350 → 420 kB). Fonts and
 * other objects keep pdfkit's default.
 */
const PAGE_DEFLATE_LEVEL = 1;

/**
 * A page content stream that keeps the drawing operators pdfkit writes (one short string each: "1 0 0 1 56 72 cm",
 * "BT", …) as strings and converts them to bytes once, when the stream ends, instead of one typed array per operator
 * (a hundred thousand for a 70-page report, most of the garbage the PDF made). The bytes are the same: each operator
 * followed by a newline, in Latin-1 as pdfkit writes them; they are deflated here, at PAGE_DEFLATE_LEVEL, when the
 * document compresses.
 */
function collectStrings(ref: PdfReference): { ref: PdfReference; empty(): boolean } {
  const parts: string[] = [];
  const chunks: Uint8Array[] = [];
  let written = false;
  const write = ref.write.bind(ref);
  const end = ref.end.bind(ref);
  const flush = () => {
    if (parts.length === 0) return;
    chunks.push(Buffer.from(`${parts.join('\n')}\n`, 'latin1'));
    parts.length = 0;
  };
  ref.write = (chunk) => {
    written = true;
    if (typeof chunk === 'string') parts.push(chunk);
    else {
      flush();
      chunks.push(chunk);
    }
  };
  ref.end = (chunk) => {
    if (chunk !== undefined) ref.write(chunk);
    flush();
    if (ref.compress && (chunks.length || ref.buffer.length)) {
      // pdfkit would deflate the whole stream at the default level when it ends: done here, with what pdfkit holds
      // already (the page's first operators), and marked as done.
      const bytes = Buffer.concat([...ref.buffer, ...chunks]);
      ref.buffer.length = 0;
      ref.compress = false;
      write(zlib.deflateSync(bytes, { level: PAGE_DEFLATE_LEVEL }));
      ref.data.Filter = 'FlateDecode';
    } else for (const chunk of chunks) write(chunk);
    chunks.length = 0;
    end();
  };
  return { ref, empty: () => !written };
}

/**
 * Writes each page's content to the output as soon as the next page begins, instead of holding every page until the
 * end. Pages stay buffered (`bufferPages`) because the contents list and "page X of Y" can only be drawn once the last
 * page exists; what is drawn on a page after that (running header, footer, the contents list) goes into a second
 * content stream of the page, which a PDF reader reads as the continuation of the first (PDF 32000-1, 7.8.2). Only
 * the page dictionaries, a few hundred bytes each, wait for the end: a long report no longer holds all its drawing
 * operators in memory.
 */
export function streamPages(doc: PDFKit.PDFDocument): { finish(): void } {
  const pdf = doc as unknown as BufferingDocument;
  const continuations = new Map<BufferedPage, { empty(): boolean; ref: PdfReference }>();
  const flush = (page: BufferedPage | undefined) => {
    if (!page || continuations.has(page)) return;
    const first = page.content;
    const rest = collectStrings(pdf.ref());
    page.dictionary.data.Contents = [first, rest.ref];
    page.content = rest.ref;
    continuations.set(page, rest);
    first.end();
  };
  collectStrings(pdf.page.content);
  const onPage = () => {
    collectStrings(pdf.page.content);
    flush(pdf._pageBuffer[pdf._pageBuffer.length - 2]);
  };
  doc.on('pageAdded', onPage);
  return {
    /** Before doc.end(): a second stream nothing was drawn into still gets a (blank) body, so that it is a stream. */
    finish() {
      doc.off('pageAdded', onPage);
      for (const rest of continuations.values()) if (rest.empty()) rest.ref.write('');
    },
  };
}
