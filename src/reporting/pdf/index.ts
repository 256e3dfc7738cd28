import type { Writable } from 'node:stream';
import type { TFunction } from 'i18next';
import PDFDocument from './pdfkit';
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
import { scoresSection } from './sections/scores';
import { executiveSummary } from './sections/summary';
import { streamPages } from './stream-pages';
import { fastT } from './translate';
import { MARGIN } from './theme';
import { wavesSection } from '../../waves/pdf'; // issue 14: waves
import { trainingPlanSection } from '../../plan/pdf-section'; // issue 14
import { outcomeFunnelSection } from '../../outcomes/pdf-section'; // issue 14

export interface RenderPdfOptions {
  /** Called after each step (a section, then the page numbers), for a progress bar. */
  onProgress?(step: number, total: number): void;
}

const SECTIONS: Section[] = [executiveSummary, methodAndSample, ranking, locus, areas, comparisonSection, wavesSection, scoresSection, preferences, trainingPlanSection, outcomeFunnelSection, openAnswers];

/** pdfkit parses a colour string on every fillColor and strokeColor: the few colours a report uses are parsed once. */
function parseColoursOnce(doc: PDFKit.PDFDocument): void {
  const pdf = doc as unknown as { _normalizeColor(colour: unknown): unknown };
  const normalize = pdf._normalizeColor.bind(doc);
  const known = new Map<string, unknown>();
  pdf._normalizeColor = (colour) => {
    if (typeof colour !== 'string') return normalize(colour);
    if (!known.has(colour)) known.set(colour, normalize(colour));
    return known.get(colour);
  };
}

/**
 * Writes the diagnosis as an A4 PDF to `out` and resolves when `out` has received all of it. `t` is a translate
 * function fixed to the report language and the `report` namespace (`fixedT(report.lang, 'report')`); every number is
 * formatted for `report.lang`. Draws only what `report` holds: disclosure control has already been applied.
 */
export async function renderReportPdf(report: ReportData, t: TFunction, out: Writable, options: RenderPdfOptions = {}): Promise<void> {
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
  const written = new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('error', reject);
    // an HTTP client that goes away closes the response without 'finish' (a no-op after it)
    out.once('close', () => reject(new Error('the output closed before the PDF was complete')));
    doc.once('error', reject);
  });
  written.catch(() => undefined); // awaited below; a failure while drawing must not leave it unhandled
  doc.pipe(out);
  try {
    const pages = streamPages(doc);
    parseColoursOnce(doc);
    registerFonts(doc);
    const cached = fastT(t);
    const ctx: PdfContext = { doc, report, t: cached, fmt: createFormat(report.lang, cached), toc: [] };
    const total = SECTIONS.length + 2;
    cover(ctx);
    const contentsPage = reserveContents(ctx);
    options.onProgress?.(1, total);
    for (const [i, draw] of SECTIONS.entries()) {
      // let a server answer other requests between sections
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (out.destroyed) break;
      draw(ctx);
      options.onProgress?.(i + 2, total);
    }
    drawContents(ctx, contentsPage);
    drawPageFurniture(ctx);
    options.onProgress?.(total, total);
    pages.finish();
    doc.end();
  } catch (err) {
    doc.unpipe(out);
    throw err;
  }
  return written;
}
