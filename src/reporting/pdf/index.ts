import type { Writable } from 'node:stream';
import type { TFunction } from 'i18next';
import PDFDocument from 'pdfkit';
import type { ReportData } from '../../analysis/schema';
import type { PdfContext, Section } from './context';
import { registerFonts } from './fonts';
import { cleanText, createFormat } from './format';
import { drawPageFurniture } from './page-furniture';
import { areas } from './sections/areas';
import { comparisonSection } from './sections/comparison';
import { drawContents, reserveContents } from './sections/contents';
import { cover } from './sections/cover';
import { locus } from './sections/locus';
import { methodAndSample } from './sections/method';
import { openAnswers } from './sections/open-answers';
import { preferences } from './sections/preferences';
import { ranking } from './sections/ranking';
import { executiveSummary } from './sections/summary';
import { MARGIN } from './theme';

export interface RenderPdfOptions {
  /** Called after each step (a section, then the page numbers), for a progress bar. */
  onProgress?(step: number, total: number): void;
}

const SECTIONS: Section[] = [executiveSummary, methodAndSample, ranking, locus, areas, comparisonSection, preferences, openAnswers];

/**
 * Writes the diagnosis as an A4 PDF to `out` and resolves when `out` has received all of it. `t` is a translate
 * function fixed to the report language and the `report` namespace (`fixedT(report.lang, 'report')`); every number is
 * formatted for `report.lang`. Draws only what `report` holds: disclosure control has already been applied.
 */
export function renderReportPdf(report: ReportData, t: TFunction, out: Writable, options: RenderPdfOptions = {}): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      bufferPages: true,
      lang: report.lang,
      displayTitle: true,
      pdfVersion: '1.7',
      info: {
        Title: t('meta.title', { survey: cleanText(report.survey.title) }),
        Subject: t('meta.subject'),
        Keywords: t('meta.keywords'),
        Creator: 'Needsmap',
        Producer: 'Needsmap (PDFKit)',
      },
    });
    out.once('finish', resolve);
    out.once('error', reject);
    doc.once('error', reject);
    doc.pipe(out);
    try {
      registerFonts(doc);
      const ctx: PdfContext = { doc, report, t, fmt: createFormat(report.lang, t), toc: [] };
      const total = SECTIONS.length + 2;
      cover(ctx);
      const contentsPage = reserveContents(ctx);
      options.onProgress?.(1, total);
      SECTIONS.forEach((draw, i) => {
        draw(ctx);
        options.onProgress?.(i + 2, total);
      });
      drawContents(ctx, contentsPage);
      drawPageFurniture(ctx);
      options.onProgress?.(total, total);
      doc.end();
    } catch (err) {
      doc.unpipe(out);
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
