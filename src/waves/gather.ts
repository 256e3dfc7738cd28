import { buildBlock, transpose } from '../analysis/block';
import { createAccumulator, type Plan } from '../analysis/accumulate';
import { recordKeys, type Secret } from '../analysis/disclosure/keys';
import type { Layout } from '../questionnaires/codebook';
import type { WaveRepo } from './repo';

const BLOCK = 1024;

/** A response that carries a panel code: kept (codes in the current layout) to be paired with the other wave. */
export interface PanelRow {
  key: number;
  collector: string | null;
  codes: Uint8Array;
}

/**
 * One wave as a population: its responses counted per partner (group g = `collectors[g]`, the last group being the
 * direct link) by the report's own accumulator, with their record keys, and its panel-coded responses by hash (a hash
 * given more than once in a wave is ambiguous and pairs with nothing).
 */
export function gatherWave(
  repo: WaveRepo,
  secret: Secret,
  surveyId: string,
  waveId: string | null,
  plan: Plan,
  layout: Layout,
  translateFor: (version: number) => ((codes: Uint8Array) => Uint8Array) | null | undefined,
  collectors: readonly string[],
) {
  const acc = createAccumulator(plan);
  const groupOf = new Map<string | null, number>(collectors.map((c, i) => [c, i]));
  const direct = collectors.length;
  const panels = new Map<string, PanelRow | null>();
  let rows: { id: number; codes: Uint8Array; collector: string | null; lang: string }[] = [];

  const flush = () => {
    if (!rows.length) return;
    const block = { ...buildBlock(transpose(rows.map((r) => r.codes), layout.size), rows.length, rows.map((r) => r.collector), rows.map((r) => r.lang)), keys: recordKeys(secret, rows.map((r) => r.id)) };
    acc.addBlock(block, Int32Array.from(rows, (r) => groupOf.get(r.collector) ?? direct), null);
    rows = [];
  };

  for (const [id, version, stored, collector, lang, panelHash] of repo.rows(surveyId, waveId)) {
    const translate = translateFor(version);
    // undefined: a version that no longer loads (cannot happen for stored versions; skipped like the report does)
    if (translate === undefined) continue;
    const codes = translate ? translate(new Uint8Array(stored)) : new Uint8Array(stored);
    if (codes.length !== layout.size) continue;
    rows.push({ id, codes, collector, lang });
    if (panelHash) {
      const hash = panelHash.toString('hex');
      panels.set(hash, panels.has(hash) ? null : { key: recordKeys(secret, [id])[0]!, collector, codes });
    }
    if (rows.length === BLOCK) flush();
  }
  flush();
  return { acc, panels };
}
