// The one API client of the console: same origin, the session cookie, the CSRF header on changes.
import { createPatronClient, errorMessage, type Schemas } from "@patron/sdk";

export const api = createPatronClient();
export { errorMessage };
export type Me = Schemas["CurrentSession"];
export type Role = Schemas["User"]["role"];
export type User = Schemas["User"];
export type ApiKey = Schemas["ApiKey"];

export const ROLES: readonly Role[] = [
  "owner",
  "admin",
  "program_manager",
  "sales_manager",
  "finance",
  "support",
];

/** Roles that manage users and keys; the server enforces the same list. */
export const ACCESS_MANAGERS: readonly Role[] = ["owner", "admin"];

/** The roles `actor` may give to a user or a key, as the server rules them. */
export function grantable(actor: Role): Role[] {
  if (actor === "owner") return [...ROLES];
  if (actor === "admin") return ROLES.filter((r) => r !== "owner");
  return [];
}
