/**
 * jStat ships no types. Only the distribution functions the stats folder calls are declared;
 * everything else in jStat stays invisible to the type checker on purpose.
 */
declare module 'jstat' {
  interface StudentT {
    /** Quantile of Student's t with `dof` degrees of freedom. */
    inv(p: number, dof: number): number;
  }
  interface ChiSquare {
    /** Lower-tail probability P(X <= x) of a chi-square with `dof` degrees of freedom. */
    cdf(x: number, dof: number): number;
  }
  interface Normal {
    cdf(x: number, mean: number, sd: number): number;
    inv(p: number, mean: number, sd: number): number;
  }
  export const jStat: {
    readonly studentt: StudentT;
    readonly chisquare: ChiSquare;
    readonly normal: Normal;
  };
}
