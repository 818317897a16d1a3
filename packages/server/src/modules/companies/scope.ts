// Which companies a principal may see and change: all of its tenant's, or for a sales manager only the clients
// whose sales rep they are and those clients' subsidiaries. Other modules (wallets, events) use it too.
import type { Param, Queryable } from "../../db/db.ts";
import type { Principal } from "../tenants/service.ts";

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

export function companyScope(p: Pick<Principal, "tenantId" | "role" | "userId">): CompanyScope {
  const salesRepId = p.role === "sales_manager" ? (p.userId ?? "") : null;
  const where = (idExpr: string, params: Param[]): string => {
    if (salesRepId === null) return "TRUE";
    if (salesRepId === "") return "FALSE";
    params.push(p.tenantId, salesRepId);
    const t = `$${params.length - 1}`;
    const rep = `$${params.length}`;
    // UNION (not UNION ALL) stops on rows already seen, so even a malformed hierarchy cannot loop.
    return `${idExpr} IN (WITH RECURSIVE own(id) AS (
        SELECT id FROM members WHERE tenant_id = ${t} AND sales_rep_id = ${rep}
        UNION SELECT c.id FROM members c JOIN own ON c.tenant_id = ${t} AND c.parent_id = own.id)
      SELECT id FROM own)`;
  };
  return {
    tenantId: p.tenantId,
    salesRepId,
    where,
    async includes(q, companyId) {
      const params: Param[] = [p.tenantId, companyId];
      const r = await q.query(
        `SELECT 1 FROM members WHERE tenant_id = $1 AND id = $2 AND ${where("id", params)}`,
        params,
      );
      return r.rows.length > 0;
    },
  };
}
