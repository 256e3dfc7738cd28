import { z } from 'zod';
import type { Count, Disclosed } from '../analysis/schema';

import { DEFAULT_WAVE } from './default-wave';

export { DEFAULT_WAVE };

const DateOnly = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2027-03-01')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'is not a valid date');

/** A named wave of a survey, as `needsmap wave add` takes it. Dates are days, both inclusive, in UTC. */
export const WaveSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes, at most 40')
      .refine((id) => id !== DEFAULT_WAVE, `"${DEFAULT_WAVE}" is reserved for responses outside every named wave`),
    label: z.string().trim().min(1).max(120),
    /** First day of the wave; absent = from the start. */
    opens: DateOnly.optional(),
    /** Last day of the wave; absent = no end. */
    closes: DateOnly.optional(),
  })
  .refine((w) => !w.opens || !w.closes || w.opens <= w.closes, { message: 'closes before it opens', path: ['closes'] });
export type Wave = z.infer<typeof WaveSchema>;

/** A stored wave; `seq` orders waves by when they were added. */
export interface WaveRow {
  id: string;
  label: string;
  opens: string | null;
  closes: string | null;
  seq: number;
}

/**
 * `compareWaves=<a>,<b>` of the report query (or the parameter twice): two different wave ids (`default` names the
 * default wave). `a` is the earlier wave, the baseline; changes are b − a.
 */
const WaveIdPair = z
  .string()
  .max(90)
  .transform((v) => v.split(',').map((s) => s.trim()))
  .pipe(
    z
      .tuple([z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a wave id'), z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a wave id')], {
        error: 'must be two wave ids separated by a comma, e.g. baseline-2027,after-training-2028',
      })
      .refine(([a, b]) => a !== b, 'must name two different waves'),
  );

/** The dashboard's two selects send `compareWaves` twice; both left empty means no comparison. */
function joinRepeated(v: unknown): unknown {
  if (Array.isArray(v)) {
    const parts = v.filter((x) => typeof x === 'string' && x !== '');
    return parts.length ? parts.join(',') : undefined;
  }
  return v === '' ? undefined : v;
}

export const CompareWavesSchema = z.preprocess(joinRepeated, WaveIdPair.optional());

/**
 * A respondent's self-made panel code (e.g. initials and a month): optional, only to pair their answers across waves.
 * Stored as a keyed hash only (src/waves/panel.ts).
 */
export const PanelCodeSchema = z
  .string()
  .trim()
  .min(4, 'at least 4 characters')
  .max(40, 'at most 40 characters')
  .regex(/^[\p{L}\p{N} ._-]+$/u, 'letters, digits, spaces, dots, dashes');

/** Mean of a scale in each wave and its change (b − a). */
export interface WaveMeans {
  a: number;
  b: number;
  change: number;
}

/** Mann–Whitney between the waves; r = z / √N keeps the sign of z: r > 0 means wave b answers higher. */
export interface WaveTest {
  z: number;
  p: number;
  r: number;
}

/** Paired Wilcoxon signed-rank on the gap changes (b − a) of respondents who gave the same panel code in both waves. */
export interface PairedTest {
  /** Pairs (perturbed count), at least min_group. */
  pairs: number;
  /** Mean change of the gap over the pairs; < 0: the gap narrowed. */
  meanChange: number;
  z: number;
  p: number;
  /** r = z / √n (non-zero differences), signed like z: < 0 means the gap narrowed. */
  r: number;
}

/**
 * "Did the gap close?": `closed` — it narrowed significantly (5 %) and less than half a scale point remains;
 * `narrowed` / `widened` — a significant change; `unchanged` — no significant change. The paired test decides when it
 * is published, else Mann–Whitney.
 */
export type Verdict = 'closed' | 'narrowed' | 'unchanged' | 'widened';

export interface UnitComparison {
  id: string;
  label: string;
  /** Respondents in each wave (perturbed; "<min_cell" when small). */
  n: [Count, Count];
  importance: Disclosed<WaveMeans & { test: Disclosed<WaveTest> }>;
  proficiency: Disclosed<WaveMeans & { test: Disclosed<WaveTest> }>;
  gap: Disclosed<WaveMeans & { test: Disclosed<WaveTest> }>;
  paired: Disclosed<PairedTest>;
  verdict: Disclosed<Verdict>;
}

export interface WaveInfo {
  id: string;
  label: string;
  opens: string | null;
  closes: string | null;
}

export interface PartnerComparison {
  collector: string | null;
  label: string;
  /** `small_group`: fewer than min_group respondents in one of the waves; nothing is published for it. */
  status: 'shown' | 'suppressed' | 'withheld';
  areas: UnitComparison[];
}

export interface WaveComparison {
  a: WaveInfo;
  b: WaveInfo;
  /** Respondents of each wave (perturbed), or suppressed under min_group. */
  n: [Count, Count];
  /** Pairs of responses with the same panel code in both waves (perturbed), or suppressed under min_group. */
  pairs: Count;
  /** False when a wave has fewer than min_group respondents: then nothing else is published. */
  enough: boolean;
  items: UnitComparison[];
  areas: UnitComparison[];
  partners: PartnerComparison[];
}

/** What the report carries about waves: the survey's waves, and the comparison asked for. */
export interface WavesReport {
  list: WaveInfo[];
  comparison: WaveComparison | null;
}
