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
/** Every staff role reads campaigns; a sales manager only those they take part in (the server limits it). */
export const CAMPAIGN_READERS: readonly Role[] = [
  "owner",
  "admin",
  "program_manager",
  "sales_manager",
  "finance",
  "support",
];
export const CAMPAIGN_MANAGERS: readonly Role[] = ["owner", "admin", "program_manager"];
/** May read a campaign's report and export it. */
export const CAMPAIGN_REPORTERS: readonly Role[] = [
  "owner",
  "admin",
  "program_manager",
  "finance",
  "support",
];
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
/**
 * May change a company, add its contacts and invite them to the portal, and add notes on it; a sales manager
 * only on own clients.
 */
export const COMPANY_EDITORS: readonly Role[] = ["owner", "admin", "sales_manager", "support"];
/** Coalition partners and their settlement (GET /v1/partners...); editors register partners and make keys. */
export const PARTNER_READERS: readonly Role[] = ["owner", "admin", "program_manager", "finance"];
export const PARTNER_EDITORS: readonly Role[] = ["owner", "admin", "program_manager"];
/** Closing a month posts to the ledger: finance and the owners. */
export const SETTLEMENT_CLOSERS: readonly Role[] = ["owner", "admin", "finance"];
/** Promo code batches: read by managers, finance and support; made and changed by the program's managers. */
export const CODE_READERS: readonly Role[] = ["owner", "admin", "program_manager", "finance", "support"];
export const CODE_EDITORS: readonly Role[] = ["owner", "admin", "program_manager"];
/** The reward catalog is edited by the program's managers; the order queue is run by them and support. */
export const REWARD_READERS: readonly Role[] = ["owner", "admin", "program_manager", "finance", "support"];
export const REWARD_EDITORS: readonly Role[] = ["owner", "admin", "program_manager"];
export const REWARD_FULFILLERS: readonly Role[] = ["owner", "admin", "program_manager", "support"];
/** Reach the engagement page: memberships, individual discounts, actions (each part shows to its own roles). */
export const ENGAGEMENT_READERS: readonly Role[] = [
  "owner",
  "admin",
  "program_manager",
  "sales_manager",
  "finance",
  "support",
];
