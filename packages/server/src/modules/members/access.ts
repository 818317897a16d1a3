// Who may read a member's points, history and tier: the one place where a role's reach over members is decided.
import type { Queryable } from "../../db/db.ts";
import type { Principal } from "../tenants/service.ts";

/**
 * Every staff role may read every member of its tenant for now. A sales manager limited to own clients is
 * to be checked here (and only here): every member read and hold route calls this before answering.
 */
export async function assertMayReadMember(
  _q: Queryable,
  _principal: Principal,
  _memberId: string,
): Promise<void> {}
