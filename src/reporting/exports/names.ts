/** The download name of an export: `<survey>-responses-2026-11-21.csv`, `<survey>-codebook-2026-11-21.sps`. */
export const exportFileName = (surveyId: string, kind: 'responses' | 'codebook', ext: string, day = new Date()) =>
  `${surveyId}-${kind}-${day.toISOString().slice(0, 10)}.${ext}`;
