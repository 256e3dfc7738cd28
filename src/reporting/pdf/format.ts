import type { TFunction } from 'i18next';
import { isSuppressed } from '../../analysis/suppressed';
import type { Count, Disclosed } from '../../analysis/schema';
import { countText, numberFormat, percentFormat } from '../charts/format';

/**
 * Free text as plain text: control characters and bidirectional overrides removed (a PDF never interprets text as
 * markup, but such characters could still garble or disguise a line), line breaks normalised.
 */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF]/g, '')
    .trim();
}

export const DASH = '–';

/** Every number of the PDF goes through these, in the report language. */
export function createFormat(lang: string, t: TFunction) {
  const n2 = numberFormat(lang, 2);
  const n3 = numberFormat(lang, 3);
  const pct0 = percentFormat(lang, 0);
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
  const disclosed = <T>(value: Disclosed<T> | null | undefined, show: (v: T) => string) =>
    value === null || value === undefined || isSuppressed(value) ? DASH : show(value);
  return {
    int: numberFormat(lang, 0),
    n1: numberFormat(lang, 1),
    n2,
    n3,
    pct0,
    pct1: percentFormat(lang, 1),
    count: (c: Count) => countText(lang, c),
    date: (isoDay: string) => date.format(new Date(`${isoDay}T00:00:00Z`)),
    interval: ([low, high]: [number, number], digits = n2) => t('format.interval', { low: digits(low), high: digits(high) }),
    /** "= 0.051" or "< 0.001": the relation is part of the text, so templates write "p {{p}}". */
    p: (p: number) => (p < 0.001 ? t('format.pBelow', { value: n3(0.001) }) : t('format.pEquals', { value: n3(p) })),
    /** A disclosed value through `show`, or a dash (explained by the table's footnote). */
    disclosed,
  };
}
export type Format = ReturnType<typeof createFormat>;
