import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import { hashCode } from '../../src/shared/crypto';
import { validateAnswers } from '../../src/questionnaires/answers';
import { buildLayout, encodeAnswers } from '../../src/questionnaires/codebook';
import type { Questionnaire } from '../../src/questionnaires/schema';
import type { ClientLog } from './clients';

interface Row {
  public_id: string;
  version: number;
  collector_id: string | null;
  lang: string;
  erasure_hash: string;
  answers: string;
  codes: Buffer;
}

export interface Verdict {
  problems: string[];
  stored: number;
  unknownStored: number;
}

/**
 * Reads the database file after the last crash and lists every broken promise: an acknowledged response missing
 * or different from what was sent (after the server's normalisation), a stored response that is partial
 * (unparseable answers, codes not matching the layout, no start recorded with it, an idempotency key pointing
 * nowhere), or a request stored twice.
 */
export function verify(dbFile: string, log: ClientLog): Verdict {
  const db = new Database(dbFile);
  const problems: string[] = [];
  const definitions = new Map<number, Questionnaire>();
  for (const v of db.prepare("SELECT version, definition FROM questionnaire_versions WHERE questionnaire_id = 'youth-worker-tna'").all() as { version: number; definition: string }[]) {
    definitions.set(v.version, JSON.parse(v.definition) as Questionnaire);
  }
  const rows = db.prepare('SELECT public_id, version, collector_id, lang, erasure_hash, answers, codes FROM responses').all() as Row[];
  const byId = new Map(rows.map((r) => [r.public_id, r]));
  const copies = new Map<string, number>();

  for (const row of rows) {
    const definition = definitions.get(row.version);
    let answers: unknown;
    try {
      answers = JSON.parse(row.answers);
    } catch {
      problems.push(`${row.public_id}: answers are not JSON`);
      continue;
    }
    const checked = definition && validateAnswers(definition, answers, { hidden: 'reject' });
    if (!checked || !checked.ok || !isDeepStrictEqual(checked.answers, answers)) problems.push(`${row.public_id}: stored answers are not a complete valid response`);
    else if (!Buffer.from(encodeAnswers(buildLayout(definition), checked.answers)).equals(row.codes)) problems.push(`${row.public_id}: codes do not match its answers`);
    const token = /fault-\d+-\d+/.exec(row.answers)?.[0] ?? '(none)';
    copies.set(token, (copies.get(token) ?? 0) + 1);
  }
  for (const [token, n] of copies) if (n > 1) problems.push(`${token}: stored ${n} times`);

  for (const ack of log.acknowledged) {
    const row = byId.get(ack.id);
    if (!row) {
      problems.push(`${ack.token}: acknowledged as ${ack.id} but not in the database`);
      continue;
    }
    const definition = definitions.get(row.version)!;
    const expected = validateAnswers(definition, ack.body.answers, { hidden: 'reject' });
    if (!expected.ok || !isDeepStrictEqual(JSON.parse(row.answers), expected.answers)) problems.push(`${ack.token}: stored answers differ from those sent`);
    if (row.lang !== ack.body.lang || row.collector_id !== ack.body.collector) problems.push(`${ack.token}: language or collector differ`);
    if (row.erasure_hash !== hashCode(ack.erasureCode)) problems.push(`${ack.token}: the erasure code given does not erase it`);
  }

  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  const starts = count("SELECT count(*) FROM starts WHERE survey_id = 'youth-worker-tna'");
  if (starts !== rows.length) problems.push(`${starts} starts for ${rows.length} responses: a write was split`);
  const dangling = count('SELECT count(*) FROM idempotency_keys k WHERE NOT EXISTS (SELECT 1 FROM responses r WHERE r.public_id = k.public_id)');
  if (dangling) problems.push(`${dangling} idempotency keys point to no response`);
  const keyed = new Set(log.acknowledged.filter((a) => a.key).map((a) => a.key));
  const keys = db.prepare('SELECT key, public_id FROM idempotency_keys').all() as { key: string; public_id: string }[];
  for (const ack of log.acknowledged) {
    if (ack.key && !keys.some((k) => k.key === ack.key && k.public_id === ack.id)) problems.push(`${ack.token}: its key does not lead to ${ack.id}`);
  }
  if (keys.length < keyed.size) problems.push(`${keyed.size} keyed acknowledgements but ${keys.length} keys stored`);
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
  const unknownStored = log.unknown.filter((s) => copies.has(s.token)).length;
  db.close();
  return { problems, stored: rows.length, unknownStored };
}
