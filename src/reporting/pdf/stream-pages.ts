/** Enough of pdfkit's object references and buffered pages to end a page's content early (not in @types/pdfkit). */
interface PdfReference {
  buffer: unknown[];
  write(chunk: string): void;
  end(): void;
}
interface BufferedPage {
  content: PdfReference;
  dictionary: { data: { Contents: PdfReference | PdfReference[] } };
}
interface BufferingDocument {
  _pageBuffer: BufferedPage[];
  ref(): PdfReference;
}

/**
 * Writes each page's content to the output as soon as the next page begins, instead of holding every page until the
 * end. Pages stay buffered (`bufferPages`) because the contents list and "page X of Y" can only be drawn once the last
 * page exists; what is drawn on a page after that (running header, footer, the contents list) goes into a second
 * content stream of the page, which a PDF reader reads as the continuation of the first (PDF 32000-1, 7.8.2). Only
 * the page dictionaries, a few hundred bytes each, wait for the end: a long report no longer holds all its drawing
 * operators (a hundred thousand small buffers at 70 pages) in memory.
 */
export function streamPages(doc: PDFKit.PDFDocument): { finish(): void } {
  const pdf = doc as unknown as BufferingDocument;
  const continued = new Set<BufferedPage>();
  const flush = (page: BufferedPage | undefined) => {
    if (!page || continued.has(page)) return;
    const first = page.content;
    const rest = pdf.ref();
    page.dictionary.data.Contents = [first, rest];
    page.content = rest;
    continued.add(page);
    first.end();
  };
  const onPage = () => flush(pdf._pageBuffer[pdf._pageBuffer.length - 2]);
  doc.on('pageAdded', onPage);
  return {
    /** Before doc.end(): a second stream nothing was drawn into still gets a (blank) body, so that it is a stream. */
    finish() {
      doc.off('pageAdded', onPage);
      for (const page of continued) if (page.content.buffer.length === 0) page.content.write('');
    },
  };
}
