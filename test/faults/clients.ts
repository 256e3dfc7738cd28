import type { Questionnaire } from '../../src/questionnaires/schema';
import { createDemoGenerator } from '../../src/demo/generator';

export interface SentBody {
  lang: string;
  collector: string;
  consent: true;
  answers: Record<string, unknown>;
}

export interface Sent {
  /** Unique per request, stored in free text: finds every stored copy of this request. */
  token: string;
  /** Idempotency-Key, when the client will retry this request after a crash. */
  key?: string;
  body: SentBody;
}

export interface Acknowledged extends Sent {
  id: string;
  erasureCode: string;
  replayed: boolean;
  /** A kill cut an earlier attempt of this keyed request, so this answer is for a retry. */
  retried: boolean;
}

export interface ClientLog {
  acknowledged: Acknowledged[];
  /** Unkeyed requests cut off by a kill: stored or not, never both twice. */
  unknown: Sent[];
  /** Answers other than 201 or a cut connection: none are expected. */
  unexpected: { token: string; status: number; body: string }[];
  /** Attempts of keyed requests cut by a kill, each sent again. */
  retries: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One POST. `refused`: the server was down, nothing was sent; `cut`: the connection failed or was cut before the
 * whole answer arrived, so the request may or may not have been stored.
 */
async function post(url: string, sent: Sent) {
  try {
    const res = await fetch(`${url}/api/surveys/youth-worker-tna/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(sent.key ? { 'idempotency-key': sent.key } : {}) },
      body: JSON.stringify(sent.body),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: res.status, text: await res.text(), replayed: res.headers.get('idempotent-replayed') === 'true' };
  } catch (err) {
    return (err as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED' ? ('refused' as const) : ('cut' as const);
  }
}

/**
 * One respondent's app: sends valid responses one after another (demo generator, its own seed), half of them with an
 * Idempotency-Key that it retries with the same body after a failed connection until it is acknowledged.
 * Free text carries the request's token wrapped in spaces and a decomposed accent, so the stored form differs
 * from what was sent (trimmed, NFC) and the check has to compare with the validated form.
 */
export async function runClient(n: number, url: string, questionnaire: Questionnaire, running: () => boolean, log: ClientLog) {
  const generator = createDemoGenerator(questionnaire, 1000 + n);
  for (let i = 0; running(); i++) {
    const demo = generator.next();
    const token = `fault-${n}-${i}`;
    const body: SentBody = { lang: demo.lang, collector: demo.collector, consent: true, answers: { ...demo.answers, anything_else: `  ${token} cafe\u0301 😀  ` } };
    const sent: Sent = { token, body, key: i % 2 === 0 ? `key-${token}` : undefined };
    for (let retried = false; ; ) {
      const res = await post(url, sent);
      if (res === 'refused') {
        await sleep(50); // down: wait for the restart and send it again, it never arrived
        continue;
      }
      if (res === 'cut') {
        // Killed mid-request: only a keyed request may safely be sent again.
        if (!sent.key) {
          log.unknown.push(sent);
          await sleep(20);
          break;
        }
        log.retries++;
        retried = true;
        await sleep(50);
        continue;
      }
      if (res.status === 201) {
        const { id, erasureCode } = JSON.parse(res.text) as { id: string; erasureCode: string };
        log.acknowledged.push({ ...sent, id, erasureCode, retried, replayed: res.replayed });
      } else {
        log.unexpected.push({ token, status: res.status, body: res.text.slice(0, 300) });
      }
      break;
    }
  }
}
