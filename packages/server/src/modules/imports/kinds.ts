// The kinds of data a tenant exports as CSV (GET /v1/exports/{kind}, `patron export KIND`): each one's columns,
// the rows read page by page, and who may take it when fewer than every exporter.
import type { Queryable } from "../../db/db.ts";
import { AUDIT_READERS, type Role } from "../tenants/roles.ts";
import { CONTACT_EXPORT_COLUMNS, contactRows } from "./contacts.ts";
import {
  COMPANY_EXPORT_COLUMNS,
  companyRows,
  LEDGER_EXPORT_COLUMNS,
  ledgerRows,
  ORDER_EXPORT_COLUMNS,
  orderRows,
  REWARD_EXPORT_COLUMNS,
  rewardRows,
  WALLET_EXPORT_COLUMNS,
  walletRows,
} from "./export.ts";
import {
  AUDIT_EXPORT_COLUMNS,
  auditRows,
  REWARD_ORDER_EXPORT_COLUMNS,
  rewardOrderRows,
  SURVEY_ANSWER_EXPORT_COLUMNS,
  surveyAnswerRows,
  WEBHOOK_DELIVERY_EXPORT_COLUMNS,
  webhookDeliveryRows,
} from "./records.ts";

export const EXPORT_KINDS = {
  companies: { columns: COMPANY_EXPORT_COLUMNS, rows: companyRows },
  contacts: { columns: CONTACT_EXPORT_COLUMNS, rows: contactRows },
  orders: { columns: ORDER_EXPORT_COLUMNS, rows: orderRows },
  ledger: { columns: LEDGER_EXPORT_COLUMNS, rows: ledgerRows },
  rewards: { columns: REWARD_EXPORT_COLUMNS, rows: rewardRows },
  wallets: { columns: WALLET_EXPORT_COLUMNS, rows: walletRows },
  "reward-orders": { columns: REWARD_ORDER_EXPORT_COLUMNS, rows: rewardOrderRows },
  "webhook-deliveries": { columns: WEBHOOK_DELIVERY_EXPORT_COLUMNS, rows: webhookDeliveryRows },
  "survey-answers": { columns: SURVEY_ANSWER_EXPORT_COLUMNS, rows: surveyAnswerRows },
  audit: { columns: AUDIT_EXPORT_COLUMNS, rows: auditRows, roles: AUDIT_READERS },
} as const satisfies Record<
  string,
  {
    columns: readonly string[];
    rows: (q: Queryable, tenantId: string) => AsyncGenerator<string[]>;
    /** Who may take this one, when fewer than every exporter. */
    roles?: readonly Role[];
  }
>;

export type ExportKind = keyof typeof EXPORT_KINDS;

/** A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
export function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
