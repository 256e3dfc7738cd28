import type { TFunction } from 'i18next';
import type { ReportData } from '../../analysis/schema';
import type { Format } from './format';

export interface TocEntry {
  title: string;
  level: 1 | 2;
  /** 0-based index of the page in the buffered document. */
  page: number;
}

/** What every section receives: the document, the data it draws, the translate function and number formats. */
export interface PdfContext {
  doc: PDFKit.PDFDocument;
  report: ReportData;
  t: TFunction;
  fmt: Format;
  toc: TocEntry[];
  /** The bookmark of the current top-level section, parent of its sub-sections' bookmarks. */
  outline?: PDFKit.PDFOutline;
}

export type Section = (ctx: PdfContext) => void;
