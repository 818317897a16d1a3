// The orders CSV file of `patron import`, read in the browser: RFC 4180 rows matched by header name, orders
// grouped into events as the engine's replay groups them (an order's lines by order id; consecutive return
// lines of one order and date are one return, named return:ORDER:N as the CLI names it), every event
// remembering the file lines it came from, so that an error names its line. (Companies and contacts files go to
// the server whole, which reads them.)

export interface OrderBody {
  type: "order";
  source: string;
  orderId: string;
  date: string;
  companyId: string;
  lines: { sku: string; category: string; quantity: string; unitPrice: string; unitCost?: string }[];
  contactId?: string;
  pointsToRedeem?: number;
  promoCode?: string;
  paidOn?: string;
  termMonths?: number;
  partnerId?: string;
  salesRepId?: string;
}

export interface CsvRow {
  /** The line of the file the row starts on (the header is line 1). */
  line: number;
  cells: Record<string, string>;
}

export interface RowError {
  line: number;
  column: string | null;
  message: string;
}

/** Rows of an RFC 4180 text: quoted cells may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): { header: string[]; rows: CsvRow[] } {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === "")) records.push({ line: start, cells });
    cells = [];
    cell = "";
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === "\n") line++;
        cell += c;
      }
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      start = line;
    } else cell += c;
  }
  if (cell !== "" || cells.length > 0) endRecord();
  const [head, ...body] = records;
  const header = (head?.cells ?? []).map((h) => h.trim());
  return {
    header,
    rows: body.map((r) => ({
      line: r.line,
      cells: Object.fromEntries(header.map((h, k) => [h, (r.cells[k] ?? "").trim()])),
    })),
  };
}

export const ORDER_COLUMNS = [
  "event",
  "order_id",
  "date",
  "company_id",
  "sku",
  "quantity",
  "unit_price",
] as const;

export function missingColumns(header: readonly string[], needed: readonly string[]): string[] {
  return needed.filter((c) => !header.includes(c));
}

/** An event of the orders file with the lines of the file behind it: one per order line, for errors. */
export interface FileEvent {
  body: OrderBody | ReturnBody;
  lines: number[];
  day: string;
}

export interface ReturnBody {
  type: "return";
  source: string;
  externalId: string;
  orderId: string;
  date: string;
  lines: { sku: string; unitPrice: string; quantity: string }[];
}

const DECIMAL = /^\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}/;
const INTEGER = /^\d+$/;

/** Events of the orders file in the replay's order (by day, then file order), or the rows it cannot read. */
export function ordersFromRows(
  rows: readonly CsvRow[],
  source: string,
): { events: FileEvent[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const events: FileEvent[] = [];
  const orders = new Map<string, { ev: FileEvent; body: OrderBody }>();
  let open: { key: string; ev: FileEvent; body: ReturnBody } | null = null;
  for (const r of rows) {
    const c = r.cells;
    const bad = (column: string, message: string) => errors.push({ line: r.line, column, message });
    const kind = c.event ?? "";
    if (kind !== "order" && kind !== "return") {
      bad("event", `"${kind}" is neither order nor return`);
      continue;
    }
    const orderId = c.order_id ?? "";
    const date = c.date ?? "";
    if (!orderId) bad("order_id", "an order id is required");
    if (!DATE.test(date)) bad("date", `"${date}" is not an ISO date or date-time`);
    if (!c.sku) bad("sku", "a SKU is required");
    if (!DECIMAL.test(c.quantity ?? "")) bad("quantity", `"${c.quantity ?? ""}" is not a quantity`);
    if (!DECIMAL.test(c.unit_price ?? "")) bad("unit_price", `"${c.unit_price ?? ""}" is not a price`);
    if (kind === "order" && !c.company_id) bad("company_id", "a company id is required");
    if (errors.length > 0 && errors[errors.length - 1]?.line === r.line) continue;
    const day = date.slice(0, 10);
    if (kind === "order") {
      open = null;
      let o = orders.get(orderId);
      if (!o) {
        const body: OrderBody = {
          type: "order",
          source,
          orderId,
          date,
          companyId: c.company_id ?? "",
          lines: [],
          ...(c.contact_id ? { contactId: c.contact_id } : {}),
          ...(INTEGER.test(c.points_to_redeem ?? "") ? { pointsToRedeem: Number(c.points_to_redeem) } : {}),
          ...(c.promo_code ? { promoCode: c.promo_code } : {}),
          ...(c.paid_on ? { paidOn: c.paid_on } : {}),
          ...(INTEGER.test(c.term_months ?? "") ? { termMonths: Number(c.term_months) } : {}),
          ...(c.partner_id ? { partnerId: c.partner_id } : {}),
          ...(c.sales_rep_id ? { salesRepId: c.sales_rep_id } : {}),
        };
        o = { ev: { body, lines: [], day }, body };
        orders.set(orderId, o);
        events.push(o.ev);
      } else if (o.body.companyId !== c.company_id) {
        bad("company_id", `order ${orderId} belongs to company ${o.body.companyId}, not ${c.company_id}`);
        continue;
      }
      o.body.lines.push({
        sku: c.sku ?? "",
        category: c.category ?? "",
        quantity: c.quantity ?? "",
        unitPrice: c.unit_price ?? "",
        ...(c.unit_cost ? { unitCost: c.unit_cost } : {}),
      });
      o.ev.lines.push(r.line);
    } else {
      const key = `${orderId}\u0000${day}`;
      if (!open || open.key !== key) {
        const body: ReturnBody = { type: "return", source, externalId: "", orderId, date, lines: [] };
        open = { key, body, ev: { body, lines: [], day } };
        events.push(open.ev);
      }
      open.body.lines.push({ sku: c.sku ?? "", unitPrice: c.unit_price ?? "", quantity: c.quantity ?? "" });
      open.ev.lines.push(r.line);
    }
  }
  // Stable: events of a day keep file order. Returns are then numbered per order as the CLI numbers them.
  events.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const seen = new Map<string, number>();
  for (const e of events) {
    if (e.body.type !== "return") continue;
    const body = e.body as ReturnBody;
    const n = (seen.get(body.orderId) ?? 0) + 1;
    seen.set(body.orderId, n);
    body.externalId = `return:${body.orderId}:${n}`;
  }
  return { events, errors };
}

/** The file line and column a batch error's field points at: events[3].lines[1].quantity → that line's. */
export function locate(
  field: string | null,
  batch: readonly FileEvent[],
): { index: number; line: number; column: string | null } | null {
  const m = /^events\[(\d+)\](?:\.lines\[(\d+)\])?(?:\.(\w+))?/.exec(field ?? "");
  if (!m) return null;
  const index = Number(m[1]);
  const e = batch[index];
  if (!e) return null;
  const line = m[2] === undefined ? e.lines[0] : e.lines[Number(m[2])];
  return { index, line: line ?? e.lines[0] ?? 0, column: m[3] ? snake(m[3]) : null };
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
}
