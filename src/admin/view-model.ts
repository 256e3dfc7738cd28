import QRCode from 'qrcode';
import { localize } from '../i18n';
import type { Answers, AnswerValue } from '../questionnaires/answers-schema';
import { allQuestions, type LocalizedText, type Question, type Questionnaire } from '../questionnaires/schema';
import type { Collector, FunnelCount } from '../surveys/schema';

export interface FunnelRow {
  id: string | null;
  label: string;
  invited: number | null;
  started: number;
  completed: number;
  /** completed / started, as a whole percentage; null when nobody started. */
  completionRate: number | null;
  /** completed / invited; null when the number invited is unknown. */
  responseRate: number | null;
  /** The collector's link is closed (its figures still count). */
  archived: boolean;
}

const percent = (part: number, whole: number | null) => (whole ? Math.round((100 * part) / whole) : null);

function row(id: string | null, label: string, invited: number | null, started: number, completed: number, archived = false): FunnelRow {
  return { id, label, invited, started, completed, completionRate: percent(completed, started), responseRate: percent(completed, invited), archived };
}

/**
 * Invited / started / completed per collector and overall (METHODOLOGY §5), archived collectors included. The overall
 * rates count every completed response, the direct link's too; the overall response rate divides them by the people
 * invited by the partners who gave that number (none given: no rate).
 */
export function funnelRows(collectors: (Collector & { archivedOn?: string | null })[], counts: FunnelCount[], directLabel: string, overallLabel: string) {
  const byId = new Map(counts.map((c) => [c.collector_id, c]));
  const rows = collectors.map((c) => row(c.id, c.label, c.invited ?? null, byId.get(c.id)?.started ?? 0, byId.get(c.id)?.completed ?? 0, Boolean(c.archivedOn)));
  const direct = byId.get(null);
  if (direct) rows.push(row(null, directLabel, null, direct.started, direct.completed));
  const known = rows.filter((r) => r.invited !== null);
  const invited = known.length ? known.reduce((n, r) => n + r.invited!, 0) : null;
  const shown = rows.reduce((n, r) => ({ started: n.started + r.started, completed: n.completed + r.completed }), { started: 0, completed: 0 });
  const total = row(null, overallLabel, invited, shown.started, shown.completed);
  return { rows, total, someInvitedUnknown: known.length > 0 && known.length < rows.length };
}

export const collectorLink = (base: string, surveyId: string, collectorId: string) =>
  `${base}/s/${encodeURIComponent(surveyId)}/c/${encodeURIComponent(collectorId)}`;

/** A QR code of `url` as an SVG data: URL for an <img> (the CSP allows data: images); sharp at any print size. */
export async function qrDataUrl(url: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

export interface AnswerLine {
  label: string;
  value: string;
  /** A free-text answer this user may not read. */
  withheld?: boolean;
}

function text(value: LocalizedText | undefined, lang: string, q: Questionnaire) {
  return localize(value, lang, q.defaultLanguage).text;
}

function formatAnswer(q: Questionnaire, question: Question, value: AnswerValue, lang: string): string {
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const ids = Array.isArray(value) ? value : [String(value)];
      return ids.map((id) => text(question.options.find((o) => o.id === id)?.label, lang, q) || id).join('; ');
    }
    case 'likert':
      return `${String(value)} – ${text(question.points[Number(value) - 1], lang, q)}`;
    case 'competence':
      return typeof value === 'object' && !Array.isArray(value) ? `${value.importance} / ${value.proficiency}` : text(q.competenceScales?.notApplicable, lang, q) || 'n/a';
    default:
      return Array.isArray(value) ? value.join('; ') : String(value);
  }
}

/** One response's answers in questionnaire order, labels in `lang`; free text replaced unless `freeText` is allowed. */
export function summariseAnswers(q: Questionnaire, answers: Answers, lang: string, freeText: boolean): AnswerLine[] {
  return allQuestions(q)
    .filter((question) => answers[question.id] !== undefined)
    .map((question) => {
      const label = text(question.label, lang, q);
      if (question.type === 'text' && !freeText) return { label, value: '', withheld: true };
      return { label, value: formatAnswer(q, question, answers[question.id]!, lang) };
    });
}

export interface PreviewText {
  text: string;
  /** The language the text was found in, when it is missing in the previewed one. */
  fallbackLang?: string;
}

export interface PreviewQuestion {
  id: string;
  type: Question['type'];
  label: PreviewText;
  help?: PreviewText;
  choices: PreviewText[];
}

/** The whole questionnaire in `lang`, every text that falls back to another language flagged, with the count. */
export function buildPreview(q: Questionnaire, lang: string) {
  let missing = 0;
  const t = (value: LocalizedText | undefined): PreviewText => {
    const found = localize(value, lang, q.defaultLanguage);
    if (!found.fallback) return { text: found.text };
    missing++;
    return { text: found.text, fallbackLang: found.lang };
  };
  const scales = q.competenceScales;
  const competence = scales ? [t(scales.importance.label), ...scales.importance.points.map(t), t(scales.proficiency.label), ...scales.proficiency.points.map(t), t(scales.notApplicable)] : [];
  const choicesOf = (question: Question): PreviewText[] =>
    question.type === 'single' || question.type === 'multiple' ? question.options.map((o) => t(o.label)) : question.type === 'likert' ? question.points.map(t) : [];
  const preview = {
    title: t(q.title),
    description: q.description ? t(q.description) : undefined,
    purpose: t(q.purpose),
    areas: q.areas.map((a) => ({ id: a.id, label: t(a.label) })),
    competence,
    pages: q.pages.map((page) => ({
      id: page.id,
      title: t(page.title),
      intro: page.intro ? t(page.intro) : undefined,
      questions: page.questions.map((question): PreviewQuestion => ({
        id: question.id,
        type: question.type,
        label: t(question.label),
        help: question.help ? t(question.help) : undefined,
        choices: choicesOf(question),
      })),
    })),
  };
  return { ...preview, missing };
}
