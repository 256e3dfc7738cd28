/**
 * The `xliff` package (locize/xliff) ships no types. Only the two converters used for XLIFF 2.0 are declared, in
 * the shape src/translations/xliff.ts relies on: one <file> per resource key, one <unit> per entry.
 */
declare module 'xliff/js2xliff' {
  interface XliffUnit {
    source: string;
    target?: string;
    /** Written as <notes><note>…</note></notes>. */
    note?: string;
  }
  export interface XliffDocument {
    sourceLanguage: string;
    targetLanguage?: string;
    resources: Record<string, Record<string, XliffUnit>>;
  }
  export default function js2xliff(doc: XliffDocument, options?: { indent?: string }): Promise<string>;
}

declare module 'xliff/xliff2js' {
  /** Source and target are strings for plain text, arrays or objects when the text holds inline markup. */
  export interface ParsedXliff {
    sourceLanguage?: string;
    targetLanguage?: string;
    resources?: Record<string, Record<string, { source?: unknown; target?: unknown; note?: unknown; groupUnits?: unknown }>>;
  }
  export default function xliff2js(xml: string, options?: Record<string, unknown>): Promise<ParsedXliff>;
}
