import fc from 'fast-check';
import { histogramFromValues, histogramMoments, histogramStats, momentsStats } from '../../../src/analysis/stats';
import { rawQuantile7, rawVariance } from './raw-reference';

const likert = (counts: number[]) => ({ min: 1, step: 1, counts });

const answersAndShuffle = fc
  .array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 200 })
  .chain((answers) => fc.tuple(fc.constant(answers), fc.shuffledSubarray(answers, { minLength: answers.length, maxLength: answers.length })));

describe('histogramStats', () => {
  // Raw answers 1,2,2,3,3,3,4,4,5,5: sum 32, mean 3.2; squared deviations 4.84 + 2*1.44 + 3*0.04 + 2*0.64
  // + 2*3.24 = 15.6, so sd = sqrt(15.6 / 9) = 1.31656. Type 7: q1 at position 9*0.25 = 2.25 between
  // x[2] = 2 and x[3] = 3 gives 2.25; median at 4.5 between 3 and 3; q3 at 6.75 between 4 and 4
  // (R: quantile(c(1,2,2,3,3,3,4,4,5,5)) gives 2.25, 3, 4).
  // Answers 1,2,4,5: mean 3, sd sqrt(10/3) = 1.82574; q1 = 1 + 0.75*(2-1) = 1.75; median = 2 + 0.5*(4-2) = 3;
  // q3 = 4 + 0.25*(5-4) = 4.25.
  test.each([
    ['ten Likert answers with ties', [1, 2, 3, 2, 2], { n: 10, mean: 3.2, sd: 1.31656, median: 3, q1: 2.25, q3: 4 }],
    ['four answers with a gap in the middle', [1, 1, 0, 1, 1], { n: 4, mean: 3, sd: 1.82574, median: 3, q1: 1.75, q3: 4.25 }],
    ['everyone giving the same answer', [0, 0, 6, 0, 0], { n: 6, mean: 3, sd: 0, median: 3, q1: 3, q3: 3 }],
  ])('when the histogram holds %s, then the summary matches the hand computation', (_label, counts, expected) => {
    const stats = histogramStats(likert(counts));
    expect(stats.n).toBe(expected.n);
    expect(stats.mean).toBeCloseTo(expected.mean, 10);
    expect(stats.sd).toBeCloseTo(expected.sd, 5);
    expect([stats.q1, stats.median, stats.q3]).toEqual([expected.q1, expected.median, expected.q3]);
  });

  test('when there is a single answer, then the sd is NaN and the quantiles are that answer', () => {
    expect(histogramStats(likert([0, 0, 0, 1, 0]))).toEqual({ n: 1, mean: 4, sd: NaN, median: 4, q1: 4, q3: 4 });
  });

  test('when the histogram is empty, then every statistic is NaN and n is 0', () => {
    expect(histogramStats(likert([0, 0, 0, 0, 0]))).toEqual({ n: 0, mean: NaN, sd: NaN, median: NaN, q1: NaN, q3: NaN });
  });

  test('when the bins are gaps from -4, then bin values start at min', () => {
    // Gaps -1, 0, 0, 2: mean 0.25, median 0 (position 1.5 between 0 and 0).
    const counts = [0, 0, 0, 1, 2, 0, 1, 0, 0];
    const stats = histogramStats({ min: -4, step: 1, counts });
    expect([stats.mean, stats.median]).toEqual([0.25, 0]);
  });

  test('when a count is negative or fractional, then it throws, because counts are respondents', () => {
    expect(() => histogramStats(likert([1, -1, 0, 0, 0]))).toThrow(RangeError);
    expect(() => histogramStats(likert([1, 0.5, 0, 0, 0]))).toThrow(RangeError);
  });

  test('when built from any shuffle of the same answers, then the summary is identical and equals the raw computation', () => {
    fc.assert(
      fc.property(answersAndShuffle, ([answers, shuffled]) => {
        const original = histogramStats(histogramFromValues(answers, 1, 1, 5));
        expect(histogramStats(histogramFromValues(shuffled, 1, 1, 5))).toEqual(original);
        expect(original.median).toBeCloseTo(rawQuantile7(answers, 0.5), 12);
        expect(original.q1).toBeCloseTo(rawQuantile7(answers, 0.25), 12);
        expect(original.q3).toBeCloseTo(rawQuantile7(answers, 0.75), 12);
        expect(original.sd).toBeCloseTo(Math.sqrt(rawVariance(answers)), 10);
      }),
    );
  });
});

describe('histogramFromValues', () => {
  test('when values sit on a fractional grid such as area means of three items, then they are binned', () => {
    const histogram = histogramFromValues([1, 4 / 3, 5 / 3, 5 / 3], 1, 1 / 3, 13);
    expect(histogram.counts.slice(0, 3)).toEqual([1, 1, 2]);
  });

  test.each([[0], [6], [2.5]])('when the value %p is off the grid, then it throws', (value) => {
    expect(() => histogramFromValues([value], 1, 1, 5)).toThrow(RangeError);
  });
});

describe('momentsStats', () => {
  // Same ten answers as above: sum 32, sum of squares 1 + 8 + 27 + 32 + 50 = 118. t(0.975, 9) = 2.2622 (any
  // t table); half width 2.262157 * 1.316561 / sqrt(10) = 0.941811, so the interval is 3.2 +- 0.9418.
  test('when given sums of ten answers, then mean, sd and the t interval match the hand computation', () => {
    const stats = momentsStats({ n: 10, sum: 32, sumSq: 118 });
    expect(stats.mean).toBeCloseTo(3.2, 12);
    expect(stats.sd).toBeCloseTo(1.316561, 6);
    expect(stats.ci95[0]).toBeCloseTo(2.258189, 5);
    expect(stats.ci95[1]).toBeCloseTo(4.141811, 5);
  });

  test('when computed from a histogram, then it agrees with histogramStats', () => {
    const histogram = likert([3, 0, 7, 11, 2]);
    const fromMoments = momentsStats(histogramMoments(histogram));
    const fromCounts = histogramStats(histogram);
    expect(fromMoments.mean).toBeCloseTo(fromCounts.mean, 12);
    expect(fromMoments.sd).toBeCloseTo(fromCounts.sd, 12);
  });

  test.each([
    ['no answers', { n: 0, sum: 0, sumSq: 0 }, NaN],
    ['one answer', { n: 1, sum: 4, sumSq: 16 }, 4],
  ])('when there is %s, then sd and interval are NaN', (_label, moments, mean) => {
    expect(momentsStats(moments)).toEqual({ n: moments.n, mean, sd: NaN, ci95: [NaN, NaN] });
  });

  test('when all answers are equal, then sd is 0 and the interval collapses on the mean', () => {
    expect(momentsStats({ n: 3, sum: 3 * 0.1, sumSq: 3 * 0.01 })).toMatchObject({ sd: 0 });
  });
});
