// Many events in one request: taken in input order, each all-or-nothing under a savepoint, several to a
// database transaction, so one bad event is reported on its own and the others land.
import type { Db, Queryable } from "../../db/db.ts";
import { type ApiError, toApiError } from "../../http/errors.ts";

/** The most events one batch request may carry. */
export const MAX_BATCH_EVENTS = 1000;

/** Events per database transaction: a bound on how long one transaction holds members' rows. */
export const CHUNK_EVENTS = 100;

/** How often a chunk that lost a deadlock or a serialization conflict is run again before giving up. */
const CHUNK_RETRIES = 3;

export type BatchEntry<T> =
  | { index: number; ok: true; status: 200 | 201; eventId: string; replayed: boolean; result: T }
  | {
      index: number;
      ok: false;
      status: number;
      error: { code: string; message: string; field: string | null };
    };

/** Takes one event in inside `tx`; throws an error with a code (an ApiError) when the event is refused. */
export type TakeOne<T> = (
  tx: Queryable,
  index: number,
) => Promise<{ eventId: string; replayed: boolean; result: T }>;

/**
 * Runs `take` for events 0..count-1 in order. Without `tx`, in transactions of `chunkEvents` events (each
 * committed before the next starts); with one, all inside it. `prepare` runs at the start of each transaction.
 * An event refused with a 4xx is rolled back to its savepoint and reported; anything else fails the chunk.
 */
export async function runBatch<T>(
  target: { db: Db } | { tx: Queryable },
  count: number,
  prepare: (tx: Queryable) => Promise<void>,
  take: TakeOne<T>,
  chunkEvents = CHUNK_EVENTS,
): Promise<BatchEntry<T>[]> {
  if (count > MAX_BATCH_EVENTS) throw new Error(`a batch of ${count} events is over ${MAX_BATCH_EVENTS}`);
  if ("tx" in target) {
    await prepare(target.tx);
    return runChunk(target.tx, 0, count, take);
  }
  const out: BatchEntry<T>[] = [];
  for (let from = 0; from < count; from += chunkEvents) {
    const to = Math.min(count, from + chunkEvents);
    out.push(
      ...(await retried(() =>
        target.db.transaction(async (tx) => {
          await prepare(tx);
          return runChunk(tx, from, to, take);
        }),
      )),
    );
  }
  return out;
}

async function runChunk<T>(
  tx: Queryable,
  from: number,
  to: number,
  take: TakeOne<T>,
): Promise<BatchEntry<T>[]> {
  const out: BatchEntry<T>[] = [];
  for (let index = from; index < to; index++) {
    await tx.query("SAVEPOINT batch_event");
    try {
      const r = await take(tx, index);
      await tx.query("RELEASE SAVEPOINT batch_event");
      out.push({ index, ok: true, status: r.replayed ? 200 : 201, ...r });
    } catch (e) {
      const error = toApiError(e);
      if (!error || error.status >= 500) throw e;
      await tx.query("ROLLBACK TO SAVEPOINT batch_event");
      await tx.query("RELEASE SAVEPOINT batch_event");
      out.push(refused(index, error));
    }
  }
  return out;
}

/** An event's own error, its field named from the batch's body: `events[17].lines[0].quantity`. */
export function refused(index: number, e: ApiError): BatchEntry<never> {
  const field = `events[${index}]${e.field ? `.${e.field}` : ""}`;
  return { index, ok: false, status: e.status, error: { code: e.code, message: e.message, field } };
}

const DEADLOCK = "40P01";
const SERIALIZATION_FAILURE = "40001";

/** Runs a transaction again when the database chose it as a deadlock's victim; it was rolled back whole. */
async function retried<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      const state = typeof e === "object" && e !== null && "code" in e ? e.code : null;
      const transient = state === DEADLOCK || state === SERIALIZATION_FAILURE;
      if (!transient || attempt > CHUNK_RETRIES) throw e;
    }
  }
}
