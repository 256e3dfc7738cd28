import crypto from 'node:crypto';
import type { Db } from '../shared/db';
import { createWaveRepo } from './repo';

/**
 * A panel code as typed, reduced to what a person reliably types again: Unicode NFKC, lower case, without spaces,
 * dots, dashes and underscores ("MA-07 b" and "ma07b" are one code).
 */
export function normalizePanelCode(code: string): string {
  return code.normalize('NFKC').toLowerCase().replace(/[\s._-]/g, '');
}

/**
 * Keyed hashes of panel codes: HMAC-SHA256 under the database's disclosure secret (migration 022) of the survey id and
 * the normalised code. Without the secret, which never leaves the database, a hash cannot be tested against guessed
 * codes; the same code in two surveys gives unrelated hashes. The code itself is never stored.
 */
export function createPanelHasher(db: Db) {
  let secret: Buffer | undefined;
  return (surveyId: string, code: string): Buffer => {
    secret ??= createWaveRepo(db).secret();
    if (!secret) throw new Error('the database has no disclosure secret (migration 022 not applied)');
    return crypto.createHmac('sha256', secret).update(`panel\0${surveyId}\0${normalizePanelCode(code)}`).digest();
  };
}
export type PanelHasher = ReturnType<typeof createPanelHasher>;
