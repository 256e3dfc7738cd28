import { createAccumulator, planFor, totalOf } from '../../src/analysis/accumulate';
import { buildBlock, transpose, type Block } from '../../src/analysis/block';
import { buildLayout, encodeAnswers } from '../../src/questionnaires/codebook';
import { buildQuestionnaire, validAnswers } from '../helpers/factories';

const q = buildQuestionnaire();
const layout = buildLayout(q);
const answers = [
  validAnswers(),
  validAnswers({ country: 'SI', hours: 12, fac_1: { importance: 4, proficiency: 4 }, fac_2: { importance: 2, proficiency: 5 }, interest: 1 }),
  validAnswers({ country: 'SI', hours: 12, fac_1: 'na', interest: 2, comment: undefined as never }),
];
for (const a of answers) for (const k of Object.keys(a)) if (a[k] === undefined) delete a[k];

function block(keys?: number[]): Block {
  const rows = answers.map((a) => encodeAnswers(layout, a));
  const b = buildBlock(transpose(rows, layout.size), rows.length, rows.map(() => null), rows.map(() => 'en'));
  return keys ? Object.assign(b, { keys: Uint32Array.from(keys) }) : b;
}

/** Group by country: BG first, SI second. */
const byCountry = Int32Array.from(answers, (a) => (a.country === 'BG' ? 0 : 1));

describe('accumulator', () => {
  test('when a perturbation hook is given, then it sees every raw table of every group by name, with the group key, before anything is derived', () => {
    const acc = createAccumulator(planFor(layout));
    acc.addBlock(block([7, 0xffffffff, 3]), byCountry, null);
    const seen: string[] = [];
    const counts = acc.result({
      perturb: (table, name, key) => {
        seen.push(`${key}:${name}:${table.length}`);
        if (name === 'item:fac_1' && key === 7) table[5 * 6 + 2]! += 4; // four more 5/2 ratings in BG
        if (name === 'responses') table[0]! += 1;
      },
    });
    const tables = ['responses:1', 'item:fac_1:72', 'item:fac_2:72', 'area:facilitating:importance:33', 'area:facilitating:proficiency:33', 'area:facilitating:gap:51', 'choice:country:5', 'choice:role:3', 'choice:interest:4', 'multi:settings:4', 'text:comment:1', 'number:hours:2'];
    const expected = (key: number) => tables.map((t) => `${key}:${t}`);
    // the SI group's key is (0xffffffff + 3) mod 2^32 = 2; number tables list every value met (12 and 20) for each group;
    // the overall sample is a population of its own, perturbed first under the sum of all keys (7 + 2 = 9)
    expect(seen).toEqual([...expected(9), ...expected(7), ...expected(2)]);
    expect(counts.total.key).toBe(9);
    expect(counts.total.n).toBe(4); // 3 responses, plus the hook's one for the whole sample
    const [bg, si] = counts.groups;
    expect([bg!.n, si!.n]).toEqual([2, 3]);
    expect(Array.from(bg!.importance.subarray(0, 6))).toEqual([0, 0, 0, 0, 0, 5]);
    expect(Array.from(bg!.gap.subarray(0, 9))).toEqual([0, 0, 0, 0, 0, 0, 0, 5, 0]);
    expect(Array.from(counts.axes.numbers[0]!)).toEqual([12, 20]);
    expect(Array.from(bg!.numbers[0]!)).toEqual([0, 1]);
    expect(Array.from(si!.numbers[0]!)).toEqual([2, 0]);
    expect(totalOf(counts, counts.groups).key).toBe(9);
  });

  test('when blocks carry no record keys, then every group key is 0 and nothing is perturbed without a hook', () => {
    const acc = createAccumulator(planFor(layout));
    acc.addBlock(block(), byCountry, null);
    const counts = acc.result();
    expect(counts.groups.map((g) => g.key)).toEqual([0, 0]);
    expect(counts.groups.map((g) => g.n)).toEqual([1, 2]);
  });
});
