// The demo tenant: a tenant, its owner with a generated password, an owner API key, and a published program,
// made in one transaction. The CLI then imports the bundled sample of real orders into it.
import { randomBytes } from "node:crypto";
import type { Db } from "../../db/db.ts";
import { publishProgram } from "../programs/service.ts";
import { hashPassword } from "../tenants/secrets.ts";
import { bootstrapTenant } from "../tenants/service.ts";

export interface DemoLogin {
  tenantId: string;
  email: string;
  password: string;
  /** The owner API key, shown once. */
  apiKey: string;
}

/** Whether the database has any tenant yet. */
export async function hasTenants(db: Db): Promise<boolean> {
  return (await db.query("SELECT 1 FROM tenants LIMIT 1")).rows.length > 0;
}

/** Tenant ids, for commands that need one and were given none. */
export async function tenantIds(db: Db, limit = 20): Promise<string[]> {
  const r = await db.query<{ id: string }>(`SELECT id FROM tenants ORDER BY id LIMIT ${limit}`);
  return r.rows.map((t) => t.id);
}

export async function createDemoTenant(
  db: Db,
  input: { id: string; name: string; email: string; ownerName: string; program: string },
): Promise<DemoLogin> {
  // 18 random bytes: 24 URL-safe characters, past the console's 12-character minimum.
  const password = randomBytes(18).toString("base64url");
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const made = await bootstrapTenant(
      tx,
      { id: input.id, name: input.name, owner: { email: input.email, name: input.ownerName, passwordHash } },
      { actor: "bootstrap", at: new Date(), comment: "patron demo", requestId: null },
      { onlyIfFirst: false },
    );
    await publishProgram(tx, input.id, input.program);
    return { tenantId: input.id, email: input.email, password, apiKey: made.token };
  });
}
