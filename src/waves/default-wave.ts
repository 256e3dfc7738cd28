/**
 * The id of the default wave: every response sent on a day no named wave covers, and every response stored before
 * waves existed (migration 029: `wave_id` NULL). Reserved: no named wave may take it.
 * Its own module so that code reading responses (the exports) does not load the waves' zod schemas.
 */
export const DEFAULT_WAVE = 'default';
