/**
 * At most this many outcomes per survey, and this large a count: both far beyond any real partnership. In a module of
 * their own so that the report, which reads the funnel, does not load the forms' zod schemas (schema.ts).
 */
export const MAX_OUTCOMES = 10;
export const MAX_COUNT = 1_000_000;
