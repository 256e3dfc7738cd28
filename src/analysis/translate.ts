import { fillAreaBytes, type Layout } from '../questionnaires/codebook';

/**
 * Maps the codes of a response to an older questionnaire version onto the current version's layout, by
 * question id and option value, so one report can cover every version. Questions that no longer exist are
 * dropped; new ones are "no answer"; competence ratings of a version whose scales had another number of points
 * are left out. Returns null when the layouts are the same (no copy needed).
 */
export function codeTranslator(from: Layout, to: Layout): ((codes: Uint8Array) => Uint8Array) | null {
  const same = from.size === to.size && from.points === to.points && to.fields.every((f, i) => {
    const g = from.fields[i];
    return g !== undefined && g.question.id === f.question.id && g.offset === f.offset && g.kind === f.kind && JSON.stringify('values' in g ? g.values : null) === JSON.stringify('values' in f ? f.values : null);
  });
  if (same) return null;
  const steps: ((src: Uint8Array, dst: Uint8Array) => void)[] = [];
  for (const field of to.fields) {
    const old = from.byId.get(field.question.id);
    if (!old || old.kind !== field.kind) continue;
    if (field.kind === 'flag') {
      steps.push((s, d) => {
        d[field.offset] = s[old.offset]!;
      });
    } else if (field.kind === 'number') {
      steps.push((s, d) => {
        d[field.offset] = s[old.offset]!;
        d[field.offset + 1] = s[old.offset + 1]!;
      });
    } else if (field.kind === 'pair') {
      // Ratings on a scale of another length are not the same measurement: they are left out, not rescaled.
      if (from.points !== to.points) continue;
      steps.push((s, d) => {
        d[field.offset] = s[old.offset]!;
      });
    } else if (field.kind === 'choice' && old.kind === 'choice') {
      const map = Uint8Array.from([0, ...old.values.map((v) => field.values.indexOf(v) + 1)]);
      steps.push((s, d) => {
        d[field.offset] = map[s[old.offset]!] ?? 0;
      });
    } else if (field.kind === 'multi' && old.kind === 'multi') {
      const pairs = old.values.map((v, k) => [k, field.values.indexOf(v)] as const).filter(([, k2]) => k2 >= 0);
      steps.push((s, d) => {
        for (const [k, k2] of pairs) if (s[old.offset + (k >> 3)]! & (1 << (k & 7))) d[field.offset + (k2 >> 3)]! |= 1 << (k2 & 7);
      });
    }
  }
  return (codes) => {
    const out = new Uint8Array(to.size);
    for (const step of steps) step(codes, out);
    return fillAreaBytes(to, out);
  };
}
