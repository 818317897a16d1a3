// Which companies a principal may see and change: all of its tenant's, or for a sales manager only the clients
// whose sales rep they are and those clients' subsidiaries. Other modules (wallets, events) use it too.
import type { Param, Queryable } from "../../db/db.ts";
import type { Principal } from "../tenants/service.ts";

/** Holding, branch, sub-branch...: the most levels a hierarchy may have, so every walk of it is bounded. */
export const MAX_HIERARCHY_DEPTH = 10;

export interface CompanyScope {
  readonly tenantId: string;
  /**
   * Null when the principal sees every company of its tenant; otherwise the sales rep whose clients it is
   * limited to (the empty string for a sales manager's key that acts for no user, which sees nothing).
   */
  readonly salesRepId: string | null;
  /**
   * An SQL condition that holds when the company id in `idExpr` (a column or expression) is in scope. Its
   * parameters are pushed onto `params`, so it can join any query built the same way.
   */
  where(idExpr: string, params: Param[]): string;
  /** Whether one company is in scope; false also when it does not exist. */
  includes(q: Queryable, companyId: string): Promise<boolean>;
}

/**
 * The principal's scope. For a sales manager, the ids of their clients and the clients' subsidiaries are
 * read now, one level of the hierarchy per query: each query is a plain index lookup, where one recursive
 * query would leave the planner guessing its size (and, on a large tenant, compiling it).
 */
export async function companyScope(
  q: Queryable,
  p: Pick<Principal, "tenantId" | "role" | "userId">,
): Promise<CompanyScope> {
  if (p.role !== "sales_manager") return unlimited(p.tenantId);
  const rep = p.userId ?? "";
  const ids = rep === "" ? [] : await clientsOf(q, p.tenantId, rep);
  const set = new Set(ids);
  const json = JSON.stringify(ids);
  return {
    tenantId: p.tenantId,
    salesRepId: rep,
    where(idExpr, params) {
      if (ids.length === 0) return "FALSE";
      params.push(json);
      return `${idExpr} IN (SELECT jsonb_array_elements_text($${params.length}::jsonb))`;
    },
    async includes(q2, companyId) {
      if (!set.has(companyId)) return false;
      return exists(q2, p.tenantId, companyId);
    },
  };
}

function unlimited(tenantId: string): CompanyScope {
  return {
    tenantId,
    salesRepId: null,
    where: () => "TRUE",
    includes: (q, companyId) => exists(q, tenantId, companyId),
  };
}

async function exists(q: Queryable, tenantId: string, id: string): Promise<boolean> {
  const r = await q.query("SELECT 1 FROM members WHERE tenant_id = $1 AND id = $2", [tenantId, id]);
  return r.rows.length > 0;
}

/** The rep's clients and, level by level, their subsidiaries. */
async function clientsOf(q: Queryable, tenantId: string, rep: string): Promise<string[]> {
  const own = await q.query<{ id: string }>(
    "SELECT id FROM members WHERE tenant_id = $1 AND sales_rep_id = $2",
    [tenantId, rep],
  );
  const seen = new Set(own.rows.map((r) => r.id));
  let level = [...seen];
  for (let depth = 1; depth < MAX_HIERARCHY_DEPTH && level.length > 0; depth++) {
    const children = await q.query<{ id: string }>(
      `SELECT id FROM members WHERE tenant_id = $1 AND parent_id IN (SELECT jsonb_array_elements_text($2::jsonb))`,
      [tenantId, JSON.stringify(level)],
    );
    level = children.rows.map((r) => r.id).filter((id) => !seen.has(id));
    for (const id of level) seen.add(id);
  }
  return [...seen];
}
