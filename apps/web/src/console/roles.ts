// Which console roles reach which work pages: the same lists the server enforces on the routes behind them.
import type { Role } from "../api.ts";

export const COMPANY_READERS: readonly Role[] = [
  "owner",
  "admin",
  "program_manager",
  "sales_manager",
  "support",
];
export const ADJUSTMENT_REQUESTERS: readonly Role[] = ["owner", "admin", "finance", "support"];
export const ADJUSTMENT_APPROVERS: readonly Role[] = ["owner", "admin", "finance"];
export const PROGRAM_READERS: readonly Role[] = ["owner", "admin", "program_manager", "finance"];
export const PROGRAM_EDITORS: readonly Role[] = ["owner", "admin", "program_manager"];
export const AUDIT_READERS: readonly Role[] = ["owner", "admin", "finance"];
export const ANALYTICS_READERS: readonly Role[] = ["owner", "admin", "program_manager", "finance"];
export const COMMS_READERS: readonly Role[] = ["owner", "admin", "program_manager", "support"];
export const COMMS_MANAGERS: readonly Role[] = ["owner", "admin", "program_manager"];
export const SURVEY_READERS: readonly Role[] = ["owner", "admin", "program_manager", "finance", "support"];
/** Every staff role reads the events list and an event's page; the server limits a sales manager to their clients. */
export const EVENT_READERS: readonly Role[] = [
  "owner",
  "admin",
  "program_manager",
  "sales_manager",
  "finance",
  "support",
];
/** May cancel a redemption hold: those who send orders, and support (POST /v1/redemptions/{id}/cancel). */
export const HOLD_CANCELLERS: readonly Role[] = ["owner", "admin", "program_manager", "support"];
/** May change a company and add notes on it; a sales manager only on own clients. */
export const COMPANY_EDITORS: readonly Role[] = ["owner", "admin", "sales_manager", "support"];
/** Reach the engagement page: memberships, individual discounts, actions (each part shows to its own roles). */
export const ENGAGEMENT_READERS: readonly Role[] = [
  "owner",
  "admin",
  "program_manager",
  "sales_manager",
  "finance",
  "support",
];
