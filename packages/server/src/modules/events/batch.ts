// Many events in one request: taken in input order, several to a database transaction, each all-or-nothing,
// so one bad event is reported on its own and the others land.
import type { Db, Queryable } from "../../db/db.ts";
import { type ApiError, toApiError } from "../../http/errors.ts";
import { WriteBuffer } from "./writes.ts";

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

/**
 * Takes one event in inside `tx`; throws an error with a code (an ApiError) when the event is refused. `alone`
 * says the event runs under a savepoint of its own; otherwise its chunk's events stand or fall together.
 */
export type TakeOne<T> = (
  tx: Queryable,
  index: number,
  alone: boolean,
) => Promise<{ eventId: string; replayed: boolean; result: T }>;

/**
 * Runs `take` for events 0..count-1 in order. Without `tx`, in transactions of `chunkEvents` events (each
 * committed before the next starts); with one, all inside it. `prepare` runs before each pass over a chunk.
 * Events refused by `precheck` are not run. A chunk first runs whole (in its own transaction, or under one
 * savepoint in the caller's); if an event is refused with a 4xx, the chunk is rolled back and run again with a
 * savepoint per event, so the refused event leaves nothing and the others land. Anything else fails the
 * request.
 */
export async function runBatch<T>(
  target: { db: Db } | { tx: Queryable },
  count: number,
  steps: {
    precheck: (index: number) => ApiError | null;
    prepare: (tx: Queryable, pass: { from: number; to: number; alone: boolean }) => Promise<void>;
    take: TakeOne<T>;
  },
  chunkEvents = CHUNK_EVENTS,
): Promise<BatchEntry<T>[]> {
  if (count > MAX_BATCH_EVENTS) throw new Error(`a batch of ${count} events is over ${MAX_BATCH_EVENTS}`);
  const out: BatchEntry<T>[] = [];
  for (let from = 0; from < count; from += chunkEvents) {
    const to = Math.min(count, from + chunkEvents);
    if ("tx" in target) {
      out.push(...(await runChunk(target.tx, from, to, steps)));
      continue;
    }
    // A chunk in a transaction of its own needs no savepoint around it: when one of its events is refused,
    // the transaction is rolled back whole and the chunk runs again in a new one, each event alone.
    const whole = await runWholeOrNull(() =>
      retried(() => target.db.transaction((tx) => runWhole(tx, from, to, steps).catch(refusedWhole))),
    );
    out.push(
      ...(whole ?? (await retried(() => target.db.transaction((tx) => runAlone(tx, from, to, steps))))),
    );
  }
  return out;
}

/** Thrown out of a chunk's own transaction to roll it back when one of its events is refused. */
class ChunkRefused extends Error {}

/** A chunk's events refused with a 4xx roll its transaction back (see `runBatch`); anything else fails. */
function refusedWhole(e: unknown): never {
  const error = toApiError(e);
  if (!error || error.status >= 500) throw e;
  throw new ChunkRefused(error.message);
}

/** Runs a chunk whole; null when an event was refused and its transaction was rolled back. */
async function runWholeOrNull<T>(run: () => Promise<BatchEntry<T>[]>): Promise<BatchEntry<T>[] | null> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof ChunkRefused) return null;
    throw e;
  }
}

/** A chunk's events in order, standing or falling together: throws the first refusal. */
async function runWhole<T>(
  tx: Queryable,
  from: number,
  to: number,
  steps: Parameters<typeof runBatch<T>>[2],
): Promise<BatchEntry<T>[]> {
  const out: BatchEntry<T>[] = [];
  // The events' final writes are held and sent together (see writes.ts), before the chunk's transaction or
  // savepoint ends; a refusal then rolls the chunk back as one of its events would.
  const buffer = new WriteBuffer(tx);
  await steps.prepare(buffer, { from, to, alone: false });
  for (let index = from; index < to; index++) {
    const early = steps.precheck(index);
    if (early) out.push(refused(index, early));
    else out.push(taken(index, await steps.take(buffer, index, false)));
  }
  await buffer.flush();
  return out;
}

async function runChunk<T>(
  tx: Queryable,
  from: number,
  to: number,
  steps: Parameters<typeof runBatch<T>>[2],
): Promise<BatchEntry<T>[]> {
  const whole = await underSavepoint(tx, "batch_chunk", () => runWhole(tx, from, to, steps));
  return whole.ok ? whole.value : runAlone(tx, from, to, steps);
}

/**
 * Runs `run` under a savepoint: released when it returns; rolled back to when it throws an error with a 4xx,
 * which is answered instead; anything else is thrown on.
 */
async function underSavepoint<T>(
  tx: Queryable,
  name: string,
  run: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: ApiError }> {
  await tx.query(`SAVEPOINT ${name}`);
  try {
    const value = await run();
    await tx.query(`RELEASE SAVEPOINT ${name}`);
    return { ok: true, value };
  } catch (e) {
    const error = toApiError(e);
    if (!error || error.status >= 500) throw e;
    await tx.query(`ROLLBACK TO SAVEPOINT ${name}`);
    await tx.query(`RELEASE SAVEPOINT ${name}`);
    return { ok: false, error };
  }
}

/** A chunk's events each under a savepoint of its own: a refused one leaves nothing, the others stay. */
async function runAlone<T>(
  tx: Queryable,
  from: number,
  to: number,
  steps: Parameters<typeof runBatch<T>>[2],
): Promise<BatchEntry<T>[]> {
  const out: BatchEntry<T>[] = [];
  await steps.prepare(tx, { from, to, alone: true });
  for (let index = from; index < to; index++) {
    const early = steps.precheck(index);
    if (early) {
      out.push(refused(index, early));
      continue;
    }
    const one = await underSavepoint(tx, "batch_event", () => steps.take(tx, index, true));
    out.push(one.ok ? taken(index, one.value) : refused(index, one.error));
  }
  return out;
}

function taken<T>(index: number, r: { eventId: string; replayed: boolean; result: T }): BatchEntry<T> {
  return { index, ok: true, status: r.replayed ? 200 : 201, ...r };
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
