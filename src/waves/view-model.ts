import type { TFunction } from 'i18next';
import { isSuppressed } from '../analysis/suppressed';
import type { Disclosed, ReportData } from '../analysis/schema';
import { countText, numberFormat } from '../reporting/charts/format';
import type { UnitComparison, WaveMeans } from './schema';

/** One compared unit as printed, in the dashboard and the PDF alike. */
export interface WaveRow {
  label: string;
  n: string;
  importance: string;
  proficiency: string;
  gap: string;
  test: string;
  paired: string;
  verdict: string;
  /** For styling: the verdict, or `none` when withheld. */
  kind: string;
}

/**
 * What the dashboard and the PDF show of a wave comparison: the sentence "did the gap close?" per area and per partner,
 * and tables of the changes. `t` is fixed to the report language and the `report` namespace.
 */
export function wavesView(report: ReportData, t: TFunction) {
  const waves = report.waves;
  const lang = report.lang;
  const num = numberFormat(lang, 2);
  const p3 = numberFormat(lang, 3);
  const dash = '–';
  const p = (x: number) => (x < 0.001 ? `< ${p3(0.001)}` : p3(x));
  const change = (x: number) => `${x > 0 ? '+' : ''}${num(x)}`;
  const means = (m: Disclosed<WaveMeans>) => (isSuppressed(m) ? dash : `${num(m.a)} → ${num(m.b)}`);
  const verdictText = (u: UnitComparison) => (isSuppressed(u.verdict) ? t('waves.verdict.none') : t(`waves.verdict.${u.verdict}`));

  const row = (u: UnitComparison): WaveRow => ({
    label: u.label,
    n: `${countText(lang, u.n[0])} / ${countText(lang, u.n[1])}`,
    importance: means(u.importance),
    proficiency: means(u.proficiency),
    gap: isSuppressed(u.gap) ? dash : `${num(u.gap.a)} → ${num(u.gap.b)} (${change(u.gap.change)})`,
    test: isSuppressed(u.gap) || isSuppressed(u.gap.test) ? dash : `${p(u.gap.test.p)} (${num(u.gap.test.r)})`,
    paired: isSuppressed(u.paired) ? dash : `${countText(lang, u.paired.pairs)}: ${p(u.paired.p)} (${num(u.paired.r)})`,
    verdict: verdictText(u),
    kind: isSuppressed(u.verdict) ? 'none' : u.verdict,
  });
  /** "Did the gap close?" in plain words. */
  const sentence = (u: UnitComparison, label = u.label) =>
    isSuppressed(u.gap) ? t('waves.sentenceNone', { label }) : t('waves.sentence', { label, verdict: verdictText(u), from: num(u.gap.a), to: num(u.gap.b) });

  const c = waves?.comparison ?? null;
  return {
    options: [{ id: 'default', label: t('waves.defaultWave') }, ...(waves?.list ?? []).map((w) => ({ id: w.id, label: w.label }))],
    selected: c ? [c.a.id, c.b.id] : null,
    /** Shown only when the survey has named waves. */
    available: (waves?.list.length ?? 0) > 0,
    comparison: c && {
      title: t('waves.title'),
      intro: t('waves.intro', { a: c.a.label, b: c.b.label, nA: countText(lang, c.n[0]), nB: countText(lang, c.n[1]), pairs: countText(lang, c.pairs) }),
      notEnough: c.enough ? null : t('waves.notEnough', { min: String(report.thresholds.minGroup) }),
      sentences: c.areas.map((u) => ({ kind: isSuppressed(u.verdict) ? 'none' : u.verdict, text: sentence(u) })),
      areas: c.areas.map(row),
      items: c.items.map(row),
      partners: c.partners.map((partner) => ({
        label: partner.label,
        hidden: partner.status !== 'shown' ? t('notes.suppressed', { min: String(report.thresholds.minGroup) }) : null,
        sentences: partner.areas.map((u) => ({ kind: isSuppressed(u.verdict) ? 'none' : u.verdict, text: sentence(u) })),
        rows: partner.areas.map(row),
      })),
      method: t('waves.method', { alpha: num(0.05), closed: num(0.5) }),
    },
  };
}
export type WavesView = ReturnType<typeof wavesView>;
