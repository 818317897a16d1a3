// The rows a replay reads: order and return lines and companies, already parsed from CSV into exact units.

/** One line of the orders file. Money in minor units, quantities in thousandths of a unit. */
export interface OrderRow {
  /** 1-based line number in the source file (header = 1), for error messages. */
  fileLine: number;
  event: "order" | "return";
  orderId: string;
  /** The date cell exactly as written: an ISO date or date-time, with or without an offset. */
  date: string;
  companyId: string;
  contactId: string | null;
  sku: string;
  category: string;
  /** Quantity in thousandths (1.5 units = 1500). Always positive. */
  quantityMilli: number;
  unitPriceMinor: number;
  unitCostMinor: number | null;
  pointsToRedeem: number | null;
  promoCode: string | null;
  paidOn: string | null;
  termMonths: number | null;
  partnerId: string | null;
  salesRepId: string | null;
  lineId: string | null;
}

/** One row of the companies file. */
export interface CompanyRow {
  fileLine: number;
  companyId: string;
  name: string;
  taxId: string | null;
  parentId: string | null;
  segment: string | null;
  region: string | null;
  /** ISO date or null. */
  joinedOn: string | null;
  enrolledOn: string | null;
}
