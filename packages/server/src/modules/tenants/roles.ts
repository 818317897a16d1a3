// The roles a console user or an API key can hold, and which of them may do what.
export const ROLES = ["owner", "admin", "program_manager", "sales_manager", "finance", "support"] as const;

export type Role = (typeof ROLES)[number];

/** May create and revoke API keys and create users. */
export const ACCESS_MANAGERS: readonly Role[] = ["owner", "admin"];

/** May read the audit log: those who manage access, and finance, who reconciles changes. */
export const AUDIT_READERS: readonly Role[] = ["owner", "admin", "finance"];

/** An owner may grant any role; an admin any but owner, so that no admin can make themselves an owner. */
export function mayGrant(actor: Role, role: Role): boolean {
  if (actor === "owner") return true;
  return actor === "admin" && role !== "owner";
}
