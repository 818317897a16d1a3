// Who may read a member's points, history and tier: the one place where a role's reach over members is decided.
import type { Queryable } from "../../db/db.ts";
import { ApiError } from "../../http/errors.ts";
import { companyScope } from "../companies/scope.ts";
import type { Principal } from "../tenants/service.ts";

/**
 * Every staff role reads every member of its tenant, except a sales manager, who reads only their own clients
 * and those clients' subsidiaries: another member answers 404, as if it did not exist, so that a rep cannot
 * learn whose clients exist. Every member read and hold route calls this before answering.
 */
export async function assertMayReadMember(
  q: Queryable,
  principal: Principal,
  memberId: string,
): Promise<void> {
  if (principal.role !== "sales_manager") return;
  const scope = await companyScope(q, principal);
  if (!(await scope.includes(q, memberId))) {
    throw new ApiError("not_found", `no member ${memberId}`, "id");
  }
}
