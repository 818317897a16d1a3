// The engine's inputs and outputs: events in, effects out, each effect with a stable explanation code.
import type { Day } from "./dates.ts";

export interface OrderLine {
  sku: string;
  category: string;
  /** Thousandths of a unit. */
  quantityMilli: number;
  unitPriceMinor: number;
  unitCostMinor: number | null;
  /** VAT rate of the line in ppm, when known (used when the program's rates apply to amounts without VAT). */
  vatPpm?: number;
}

export interface OrderEvent {
  type: "order";
  orderId: string;
  day: Day;
  companyId: string;
  contactId: string | null;
  lines: OrderLine[];
  pointsToRedeem: number;
  code: string | null;
  paidOn: Day | null;
  termMonths: number | null;
  partnerId: string | null;
  salesRepId: string | null;
}

export interface ReturnLine {
  sku: string;
  unitPriceMinor: number;
  quantityMilli: number;
}

export interface ReturnEvent {
  type: "return";
  orderId: string;
  day: Day;
  lines: ReturnLine[];
}

/** A non-purchase event that can earn: a training attended, a survey answered, a profile completed, custom. */
export interface ActionEvent {
  type: "action";
  id: string;
  day: Day;
  companyId: string;
  contactId: string | null;
  action: "attendance" | "course" | "survey" | "profile" | "greeting" | "referral" | "custom";
  subject: string | null;
}

/** An explanation: a stable code and its parameters, rendered by the console in any language. */
export interface Explanation {
  code: string;
  rule?: string;
  version: number;
  params: Record<string, string | number | boolean | null>;
}

/** Member attributes that conditions can read; the dynamic state lives in MemberState. */
export interface MemberProfile {
  id: string;
  segment: string | null;
  region: string | null;
  parentId: string | null;
  taxId: string | null;
  joinedOn: Day | null;
  contactRole?: string | null;
  contactCircle?: string | null;
}
