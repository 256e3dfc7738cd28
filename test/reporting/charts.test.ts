import { fixedT } from '../../src/i18n';
import { isSuppressed, type ItemSummary, type ReportData } from '../../src/analysis/schema';
import { distributionChart, frequencyChart, heatmapCells, locusChart, priorityChart } from '../../src/reporting/charts';

/** A hand-made report: two areas (a, b) of three items each, a comparison over two columns. */
function buildItem(over: Partial<ItemSummary> & { id: string }, importance = 4, gap = 0.5): ItemSummary {
  const dist = (mean: number, counts: number[]) => ({ mean, sd: 0.8, median: Math.round(mean), q1: 3, q3: 5, ci95: [mean - 0.1, mean + 0.1] as [number, number], counts });
  return {
    area: 'a',
    label: `Item ${over.id}`,
    n: 100,
    notApplicable: 0,
    importance: dist(importance, [5, 10, 20, 30, 35]),
    proficiency: dist(importance - gap, [10, 20, 30, 25, 15]),
    gap: { mean: gap, sd: 1, ci95: [gap - 0.2, gap + 0.2], positiveShare: 0.5, positiveCi: [0.4, 0.6] },
    mwds: gap * importance,
    rank: 1,
    quadrant: 'first_priority',
    wilcoxon: { z: 3, p: 0.01, r: 0.3 },
    ...over,
  };
}

function buildReport(over: Partial<ReportData> = {}): ReportData {
  const specs: [string, string, number, number][] = [
    ['a1', 'a', 4.5, 1.2], ['a2', 'a', 3.5, 0.2], ['a3', 'a', 4.2, 0.4],
    ['b1', 'b', 3.2, 0.9], ['b2', 'b', 4.0, 0.6], ['b3', 'b', 3.0, 0.1],
  ];
  const grandImportance = specs.reduce((s, x) => s + x[2], 0) / specs.length;
  const grandGap = specs.reduce((s, x) => s + x[3], 0) / specs.length;
  const byMwds = [...specs].sort((x, y) => y[2] * y[3] - x[2] * x[3]);
  const items = specs.map(([id, area, imp, gap]) =>
    buildItem({ id, area, rank: byMwds.findIndex((s) => s[0] === id) + 1, quadrant: imp >= grandImportance ? (gap >= grandGap ? 'first_priority' : 'high_importance_low_gap') : gap >= grandGap ? 'high_gap_low_importance' : 'lowest_priority' }, imp, gap),
  );
  const score = { n: 100, mean: 3, sd: 1, median: 3, ci95: [2.8, 3.2] as [number, number] };
  const cell = (mean: number) => ({ n: 50, mean, sd: 0.8, ci95: [mean - 0.2, mean + 0.2] as [number, number] });
  const hidden = { suppressed: true as const, reason: 'small_group' as const };
  return {
    survey: { id: 's', title: 'Survey', versions: [1], isDemo: false, defaultLanguage: 'en' },
    lang: 'en',
    generatedOn: '2025-01-01',
    thresholds: { minCell: 5, minGroup: 10 },
    filters: [],
    scaleLabels: null,
    sample: { n: 100, enough: true, languages: [{ lang: 'en', label: 'English', n: 100 }], funnel: [] },
    items,
    locus: { grandImportance, grandGap },
    areas: ['a', 'b'].map((id) => ({ id, label: `Area ${id}`, itemIds: items.filter((i) => i.area === id).map((i) => i.id), importance: score, proficiency: score, gap: score, mwds: 2, alpha: { importance: 0.8, proficiency: 0.6, n: 100, flagged: true } })),
    scalePoints: 5,
    scores: [],
    frequencies: [{ questionId: 'formats', label: 'Formats', type: 'multiple', page: 'p', n: 100, options: [{ id: 'x', label: 'X', count: 40, share: 0.4, ci95: [0.3, 0.5] }, { id: 'y', label: 'Y', count: { suppressed: true, reason: 'small_cell', below: 5 }, share: hidden, ci95: hidden }] }],
    comparison: {
      by: { id: 'country', label: 'Country' },
      groups: [],
      columns: [{ key: 'BG', label: 'Bulgaria', n: 50 }, { key: 'SI', label: 'Slovenia', n: 50 }],
      areas: [
        { id: 'a', label: 'Area a', gap: [cell(0.75), hidden], importance: [cell(4), hidden], proficiency: [cell(3.25), hidden], kruskal: hidden, pairwise: [] },
        { id: 'b', label: 'Area b', gap: [cell(0.25), cell(0.5)], importance: [cell(4), cell(4)], proficiency: [cell(3.75), cell(3.5)], kruskal: { h: 1, df: 1, p: 0.3, epsilonSquared: 0.01 }, pairwise: [] },
      ],
      scores: [],
      items: [],
      topNeeds: [],
      categorical: [],
    },
    openAnswers: [],
    ...over,
  };
}

const t = fixedT('en', 'report');

describe('priorityChart', () => {
  test('when built, then the bars are the items MWDS in rank order', () => {
    const report = buildReport();
    const config = priorityChart(report, t, { top: 3 });
    const ranked = [...report.items].sort((a, b) => (a.rank as number) - (b.rank as number)).slice(0, 3);
    expect(config.data.datasets[0]!.data).toEqual(ranked.map((i) => i.mwds));
    expect((config.data.labels as string[][]).map((l) => l.join(' '))).toEqual(ranked.map((i) => `${i.rank as number}. ${i.label}`));
    expect(config.options?.indexAxis).toBe('y');
    expect(config.options?.animation).toBe(false);
    expect(config.options?.locale).toBe(report.lang);
  });

  test('when an item is suppressed, then it is left out', () => {
    const report = buildReport();
    const hidden = { suppressed: true as const, reason: 'small_group' as const };
    report.items[0] = { ...report.items[0]!, mwds: hidden, rank: hidden, importance: hidden, proficiency: hidden, gap: hidden, quadrant: hidden };
    const config = priorityChart(report, t, { top: 50 });
    expect(config.data.datasets[0]!.data).toHaveLength(report.items.length - 1);
    expect(JSON.stringify(config)).not.toContain(report.items[0]!.label);
  });

  test('when serialised, then nothing is lost (no functions)', () => {
    const report = buildReport();
    for (const config of [priorityChart(report, t), locusChart(report, t), distributionChart(report, t, 'importance'), frequencyChart(report, t, 'formats')]) {
      expect(JSON.parse(JSON.stringify(config))).toEqual(config);
    }
  });
});

describe('locusChart', () => {
  test('when built, then quadrants are named in words and points carry the means', () => {
    const report = buildReport();
    const config = locusChart(report, t)!;
    const labels = config.data.datasets.map((d) => d.label);
    expect(labels).toEqual(expect.arrayContaining(['First priority', 'Lowest priority', 'Important, already proficient', 'Large gap, less important']));
    const points = config.data.datasets.slice(0, 4).flatMap((d) => d.data) as { id: string; x: number; y: number }[];
    for (const item of report.items) {
      const point = points.find((p) => p.id === item.id)!;
      expect(point.x).toBe((item.importance as { mean: number }).mean);
      expect(point.y).toBe((item.gap as { mean: number }).mean);
    }
    expect(config.options?.plugins?.locusLabels?.quadrants?.topRight).toBe('First priority');
  });

  test('when the mean lines are drawn, then they sit at the grand means', () => {
    const report = buildReport();
    const locus = report.locus as { grandImportance: number; grandGap: number };
    const [vertical, horizontal] = locusChart(report, t)!.data.datasets.slice(4);
    expect(vertical!.data.map((p) => p.x)).toEqual([locus.grandImportance, locus.grandImportance]);
    expect(horizontal!.data.map((p) => p.y)).toEqual([locus.grandGap, locus.grandGap]);
  });

  test('when the centre is suppressed, then there is no chart', () => {
    expect(locusChart({ ...buildReport(), locus: { suppressed: true, reason: 'small_group' } }, t)).toBeNull();
  });

  test('when the report is in another language, then quadrant labels come from t', () => {
    const fake = ((key: string) => `«${key}»`) as unknown as typeof t;
    const config = locusChart(buildReport(), fake)!;
    expect(config.data.datasets[0]!.label).toBe('«quadrant.first_priority»');
  });
});

describe('distributionChart', () => {
  test('when by item, then each bar is the share of answers per scale point summing to 100', () => {
    const report = buildReport();
    const config = distributionChart(report, t, 'proficiency', { by: 'item', area: 'a' });
    const items = report.items.filter((i) => i.area === 'a');
    expect(config.data.labels).toHaveLength(items.length);
    const first = items[0]!.proficiency as { counts: number[] };
    const total = first.counts.reduce((a, b) => a + b, 0);
    expect(config.data.datasets.map((d) => d.data[0])).toEqual(first.counts.map((c) => (100 * c) / total));
    expect(config.options?.scales?.x?.stacked).toBe(true);
  });

  test('when by area, then there is one bar per area', () => {
    const report = buildReport();
    expect(distributionChart(report, t, 'importance').data.labels).toHaveLength(report.areas.length);
  });
});

describe('heatmapCells', () => {
  test('when there is no comparison, then null', () => {
    expect(heatmapCells({ ...buildReport(), comparison: null })).toBeNull();
  });

  test('when built, then cells carry the mean gap, a colour and formatted text; suppressed cells a dash', () => {
    const report = buildReport({ lang: 'de' });
    const map = heatmapCells(report)!;
    const cell = map.rows[0]!.cells[0]!;
    expect(cell.value).toBeCloseTo(0.75);
    expect(cell.text).toBe('0,75');
    expect(cell.colour).toMatch(/^#[0-9a-f]{6}$/);
    expect(map.rows[0]!.cells[1]).toMatchObject({ value: null, text: '–' });
    expect(map.anySuppressed).toBe(true);
    expect(map.columns).toEqual(report.comparison!.columns);
  });

  test('when values differ, then the higher gap gets the darker colour', () => {
    const map = heatmapCells(buildReport())!;
    const lum = (hex: string) => parseInt(hex.slice(1, 3), 16) + parseInt(hex.slice(3, 5), 16) + parseInt(hex.slice(5, 7), 16);
    const low = map.rows[1]!.cells[0]!;
    const high = map.rows[0]!.cells[0]!;
    expect(high.value!).toBeGreaterThan(low.value!);
    expect(lum(high.colour)).toBeLessThan(lum(low.colour));
  });
});

test('factory sanity: items are disclosed', () => {
  const report: ReportData = buildReport();
  expect(report.items.every((i: ItemSummary) => !isSuppressed(i.mwds))).toBe(true);
  expect(buildItem({ id: 'x' }).id).toBe('x');
});
