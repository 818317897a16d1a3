// What nearly every request reads and almost never changes (the API key behind a bearer token, a tenant's
// published program versions, its hold-out share), kept in memory for a short time so that a request does not
// spend a round trip on each. A change made by this process drops the tenant's entries at once; a change made
// by another process against the same database is seen here within `ttlMs` at the latest.

interface Entry<V> {
  value: V;
  at: number;
  generation: number;
}

/** The most entries one database's cache holds before it is emptied (a bound on memory, not a policy). */
const MAX_ENTRIES = 10_000;

export class ReadCache<V> {
  /** By database (test runs open many in one process, with the same tenant ids), then by tenant and key. */
  private readonly byDb = new WeakMap<object, Map<string, Entry<V>>>();
  /** Reads under way, so that concurrent misses of one key wait for the same read. */
  private readonly loading = new WeakMap<
    Map<string, Entry<V>>,
    Map<string, { value: Promise<V>; generation: number }>
  >();
  /** Raised by `invalidate`: an entry read under an older generation is not used. */
  private readonly generations = new Map<string, number>();

  constructor(readonly ttlMs: number) {}

  /** The cached value of (tenant, key) in `db`, or what `load` reads (not kept when it is null). */
  async get(db: object, tenantId: string, key: string, load: () => Promise<V>): Promise<V> {
    let entries = this.byDb.get(db);
    if (!entries) {
      entries = new Map();
      this.byDb.set(db, entries);
    }
    const id = `${tenantId}\u0000${key}`;
    const generation = this.generations.get(tenantId) ?? 0;
    const now = Date.now();
    const hit = entries.get(id);
    if (hit && hit.generation === generation && now - hit.at < this.ttlMs && now >= hit.at) return hit.value;
    // Requests that miss together share one read.
    const pending = this.loading.get(entries)?.get(id);
    if (pending && pending.generation === generation) return pending.value;
    const loading = load();
    let inFlight = this.loading.get(entries);
    if (!inFlight) {
      inFlight = new Map();
      this.loading.set(entries, inFlight);
    }
    const mine = { value: loading, generation };
    inFlight.set(id, mine);
    try {
      const value = await loading;
      if (value !== null && value !== undefined) {
        if (entries.size >= MAX_ENTRIES) entries.clear();
        entries.set(id, { value, at: now, generation });
      } else entries.delete(id);
      return value;
    } finally {
      if (inFlight.get(id) === mine) inFlight.delete(id);
    }
  }

  /** Forgets every entry of the tenant, in every database: the next read goes to the database. */
  invalidate(tenantId: string): void {
    this.generations.set(tenantId, (this.generations.get(tenantId) ?? 0) + 1);
  }
}

/** How long a value changed by another process may still be served here: the bound docs/decisions.md states. */
export const READ_CACHE_MS = 1000;
