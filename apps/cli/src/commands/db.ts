// `patron migrate` and `patron ledger verify`: the database commands, on the embedded database in the data
// folder (PATRON_DATA, default .patron/data) or on DATABASE_URL.
import { parseArgs } from "node:util";
import { type Db, DbLockedError, migrate, openFromEnv, tenantIds, verify } from "@patron/server";

export const dataDir = () => process.env.PATRON_DATA || ".patron/data";

export async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openFromEnv(dataDir());
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

export async function migrateCommand(_argv: string[]): Promise<number> {
  try {
    const applied = await withDb(migrate);
    process.stdout.write(applied.length ? `applied ${applied.join(", ")}\n` : "the schema is up to date\n");
    return 0;
  } catch (e) {
    if (e instanceof DbLockedError) {
      process.stderr.write(`patron migrate: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

export async function ledgerCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const { values } = parseArgs({ args: rest, options: { tenant: { type: "string" } }, strict: true });
  if (sub !== "verify") {
    process.stderr.write("usage: patron ledger verify [--tenant ID]\n");
    return 2;
  }
  // The tenant given, or the only one the database has.
  const found = await withDb(async (db) => {
    await migrate(db);
    const ids = values.tenant === undefined ? await tenantIds(db) : [values.tenant];
    const only = ids.length === 1 ? (ids[0] as string) : null;
    return only === null
      ? { ids, verified: null }
      : { ids, verified: { tenant: only, result: await verify(db, only) } };
  });
  if (found.verified === null) {
    process.stderr.write(
      found.ids.length === 0
        ? "the database has no tenant yet\n"
        : `give --tenant ID (tenants: ${found.ids.join(", ")})\n`,
    );
    return 2;
  }
  const { tenant, result } = found.verified;
  for (const d of result.differences) {
    process.stdout.write(`${d.account}: balance ${d.balance}, postings add up to ${d.fromPostings}\n`);
  }
  const ok = result.differences.length === 0 && result.total === 0n;
  process.stdout.write(
    ok
      ? `ledger of ${tenant}: every account equals its postings, and the accounts sum to zero\n`
      : `ledger of ${tenant}: ${result.differences.length} account(s) differ; the accounts sum to ${result.total}\n`,
  );
  return ok ? 0 : 1;
}
