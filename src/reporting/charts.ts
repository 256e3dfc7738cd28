/**
 * Chart configs built from a ReportData summary (STYLE.md: output adapters, no database). Every config is plain JSON
 * (no functions, `animation: false`, `locale` = the report language), so the dashboard embeds it in a
 * `<script type="application/json">` for the browser's chart.js and the PDF renders the very same object.
 */
export { priorityChart } from './charts/priority';
export { locusChart, type LocusLabelOptions, type LocusPointData } from './charts/locus';
export { distributionChart, type DistributionLevel, type Scale } from './charts/distribution';
export { frequencyChart } from './charts/frequency';
export { heatmapCells, type Heatmap, type HeatmapCell } from './charts/heatmap';
export { OKABE_ITO, QUADRANT_COLOURS, LIKERT_COLOURS } from './charts/palette';
