// Group commit for single events: requests that arrive while earlier ones are being written wait, and are then
// written together in one database transaction through the batch path (members locked once, in id order), so
// that many concurrent clients cost one commit per group instead of one per event. Each request still gets its
// own answer, only once its group is committed; an event that is refused leaves nothing and does not stop the
// others (the batch path's savepoint per event); when a group fails for another reason (a crash, a lost
// connection), each of its events is run again alone, so one event's failure is never another's.
import type { ApiError } from "../../http/errors.ts";
import type { BatchEntry } from "./batch.ts";

/** What one event of a group ended with: its entry, and the error it was refused with, as a single request's. */
export interface GroupOutcome<T> {
  entry: BatchEntry<T>;
  error: ApiError | null;
}

/** Runs a tenant's group of events in one transaction and answers for each, in order. */
export type RunGroup<E, T> = (tenantId: string, events: readonly E[]) => Promise<GroupOutcome<T>[]>;

/** Runs one event alone, in its own transaction: after a group failed for a reason not of its events' making. */
export type RunAlone<E, T> = (tenantId: string, event: E) => Promise<Taken<T>>;

/** An event taken in: its id, whether it had been seen before, its answer. */
export interface Taken<T> {
  eventId: string;
  replayed: boolean;
  result: T;
}

/** How a submitted event ended: with its group, or alone after its group failed. */
export type Submitted<T> = { kind: "group"; outcome: GroupOutcome<T> } | { kind: "alone"; taken: Taken<T> };

interface Waiting<E, T> {
  event: E;
  resolve: (r: Submitted<T>) => void;
  reject: (e: unknown) => void;
}

export interface GroupOptions {
  /** The most events in one group (one transaction). */
  maxGroup: number;
  /** How many groups may be written at once, over all tenants: the rest wait and grow. */
  maxInFlight: number;
}

export class GroupCommitter<E, T> {
  private readonly queues = new Map<string, Waiting<E, T>[]>();
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly runGroup: RunGroup<E, T>,
    private readonly runAlone: RunAlone<E, T>,
    private readonly opts: GroupOptions,
  ) {}

  /**
   * Takes an event in with whichever others are waiting: resolves with its group's outcome for it, or with its
   * result when it had to run alone.
   */
  submit(tenantId: string, event: E): Promise<Submitted<T>> {
    return new Promise((resolve, reject) => {
      let queue = this.queues.get(tenantId);
      if (!queue) {
        queue = [];
        this.queues.set(tenantId, queue);
      }
      queue.push({ event, resolve, reject });
      this.schedule();
    });
  }

  /** Starts groups while there is room; requests that arrive in the same turn of the event loop join them. */
  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.opts.maxInFlight || this.queues.size === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.inFlight < this.opts.maxInFlight && this.queues.size > 0) this.startOne();
    });
  }

  private startOne(): void {
    // The tenant that has waited longest goes first (a Map keeps insertion order).
    const [tenantId, queue] = this.queues.entries().next().value as [string, Waiting<E, T>[]];
    const group = queue.splice(0, this.opts.maxGroup);
    this.queues.delete(tenantId);
    if (queue.length > 0) this.queues.set(tenantId, queue);
    this.inFlight++;
    void this.write(tenantId, group).finally(() => {
      this.inFlight--;
      this.schedule();
    });
  }

  private async write(tenantId: string, group: Waiting<E, T>[]): Promise<void> {
    let outcomes: GroupOutcome<T>[];
    try {
      outcomes = await this.runGroup(
        tenantId,
        group.map((w) => w.event),
      );
    } catch {
      // Nothing of the group was committed: each event runs alone, one after another in the group's order,
      // and fails alone if it is the cause.
      for (const w of group) {
        try {
          w.resolve({ kind: "alone", taken: await this.runAlone(tenantId, w.event) });
        } catch (e) {
          w.reject(e);
        }
      }
      return;
    }
    group.forEach((w, i) => {
      const outcome = outcomes[i];
      if (outcome) w.resolve({ kind: "group", outcome });
      else w.reject(new Error(`the group answered ${outcomes.length} of ${group.length} events`));
    });
  }
}
