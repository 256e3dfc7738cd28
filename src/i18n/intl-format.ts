/**
 * Dates, times and counts for the pages, through Intl in the page's language. Times are shown in UTC with the zone
 * named by Intl ("1 March 2026, 09:05 UTC"): the server cannot know the viewer's zone without JavaScript, and the
 * settings form takes its date-times in UTC too (README, Decisions). Days (stored as "2026-03-01") carry no time, so
 * they are formatted as that calendar day whatever the server's own zone is.
 */
export interface IntlFormat {
  /** A stored instant ("2026-03-01T09:05:00.000Z", or "2026-03-01 09:05:00" as SQLite writes UTC) with "UTC". */
  dateTime(value: string): string;
  /** A stored calendar day ("2026-03-01"). */
  day(value: string): string;
  /** A count or any integer: grouped digits as the language writes them. */
  count(value: number): string;
  /** A whole percentage (12 → "12 %", "12%" or "%12" as the language writes it). */
  percent(value: number): string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

/** The instant a stored UTC value names; a value without a zone is UTC (never the server's zone). */
export function parseUtc(value: string): Date {
  if (DAY.test(value)) return new Date(`${value}T00:00:00Z`);
  const iso = value.includes('T') ? value : value.replace(' ', 'T');
  return new Date(HAS_ZONE.test(iso) ? iso : `${iso}Z`);
}

const cache = new Map<string, IntlFormat>();

export function intlFormat(lang: string): IntlFormat {
  const known = cache.get(lang);
  if (known) return known;
  const dateTime = new Intl.DateTimeFormat(lang, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short',
  });
  const day = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
  const count = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  const orRaw = (value: string, format: (d: Date) => string) => {
    const date = parseUtc(value);
    return Number.isNaN(date.getTime()) ? value : format(date);
  };
  const made: IntlFormat = {
    dateTime: (value) => orRaw(value, (d) => dateTime.format(d)),
    day: (value) => orRaw(value, (d) => day.format(d)),
    count: (value) => count.format(value),
    percent: (value) => percent.format(value / 100),
  };
  cache.set(lang, made);
  return made;
}

/** The respondent's "opens on …" date: long date and time in UTC, the zone named, in the respondent's language. */
export function opensAtText(value: string, lang: string): string {
  const format = new Intl.DateTimeFormat(lang, {
    year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short',
  });
  return format.format(parseUtc(value));
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * A `t` whose `{{count}}` is written with the language's digit grouping ("12.345 Antworten", not "12345"): i18next
 * chooses the plural form from the number and interpolates it as it is, so the grouped form replaces it afterwards.
 */
export function withGroupedCounts<T extends Translate>(t: T, lang: string): T {
  const format = intlFormat(lang);
  const grouped = (key: string, options?: Record<string, unknown>) => {
    const text = t(key, options);
    const count = options?.count;
    return typeof text === 'string' && typeof count === 'number' && Number.isInteger(count) && Math.abs(count) >= 1000 ? text.split(String(count)).join(format.count(count)) : text;
  };
  return grouped as T;
}
