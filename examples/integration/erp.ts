// Wiring an ERP to Patron with the typed client: companies and orders in (batched, idempotent), a return,
// balances out, a checkout that quotes, holds and captures points, a webhook endpoint, and the check of a
// webhook's signature. docs/integration.md walks through it; packages/sdk/src/integration.test.ts runs it.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createPatronClient, type PatronClient } from "@patron/sdk";

export interface ErpOrderLine {
  sku: string;
  category: string;
  quantity: number;
  unitPrice: string;
}

export interface ErpOrder {
  number: string;
  date: string;
  customer: string;
  lines: ErpOrderLine[];
}

/** The client an ERP connector uses: its own API key, and a fetch (the platform's unless given). */
export function connect(baseUrl: string, apiKey: string, fetch?: (r: Request) => Promise<Response>): PatronClient {
  return createPatronClient({ baseUrl, apiKey, ...(fetch ? { fetch } : {}) });
}

function fail(what: string, error: unknown): never {
  throw new Error(`${what}: ${JSON.stringify(error)}`);
}

/** Creates or renames a customer company (safe to repeat: the Idempotency-Key makes a retry a replay). */
export async function upsertCompany(patron: PatronClient, id: string, name: string): Promise<void> {
  const made = await patron.POST("/v1/companies", {
    body: { id, name },
    params: { header: { "idempotency-key": `company-${id}` } },
  });
  if (made.response.status === 409) {
    const renamed = await patron.PATCH("/v1/companies/{id}", { params: { path: { id } }, body: { name } });
    if (renamed.error) fail(`company ${id}`, renamed.error);
  } else if (made.error) fail(`company ${id}`, made.error);
}

/**
 * Sends a day's orders in batches of up to 1,000. Each order is taken once by (source, order number): a batch
 * sent again after a timeout changes nothing, so retrying is always safe. Returns the points each earned.
 */
export async function sendOrders(patron: PatronClient, orders: ErpOrder[]): Promise<Map<string, number>> {
  const earned = new Map<string, number>();
  for (let i = 0; i < orders.length; i += 1000) {
    const chunk = orders.slice(i, i + 1000);
    const { data, error } = await patron.POST("/v1/events/batch", {
      body: {
        events: chunk.map((o) => ({
          type: "order" as const,
          source: "erp",
          orderId: o.number,
          date: o.date,
          companyId: o.customer,
          lines: o.lines,
        })),
      },
    });
    if (error) fail("batch", error);
    for (const r of data.results) {
      const order = chunk[r.index];
      if (!order) continue;
      if (!r.ok) fail(`order ${order.number}`, r.error);
      const result = r.result as { pointsEarned?: number };
      earned.set(order.number, result.pointsEarned ?? 0);
    }
  }
  return earned;
}

/** A credit note: returned lines of an order; Patron takes back the points they earned, proportionally. */
export async function sendReturn(
  patron: PatronClient,
  creditNote: string,
  orderNumber: string,
  date: string,
  lines: Omit<ErpOrderLine, "category">[],
): Promise<number> {
  const { data, error } = await patron.POST("/v1/events", {
    body: { type: "return", source: "erp", externalId: creditNote, orderId: orderNumber, date, lines },
  });
  if (error) fail(`return ${creditNote}`, error);
  return (data.result as { pointsReversed: number }).pointsReversed;
}

/** What the ERP shows on the customer's card. */
export async function balance(patron: PatronClient, customer: string) {
  const { data, error } = await patron.GET("/v1/members/{id}/wallet", { params: { path: { id: customer } } });
  if (error) fail(`wallet of ${customer}`, error);
  return data;
}

/**
 * Checkout: price the cart (what it may spend and will earn), hold the points the buyer chose so nobody else
 * spends them, then take the order in with the hold: the held points pay for it, once.
 */
export async function checkout(patron: PatronClient, order: ErpOrder, points: number) {
  const lines = order.lines;
  const quote = await patron.POST("/v1/quote", {
    body: { orderId: order.number, date: order.date, companyId: order.customer, lines, pointsToRedeem: points },
  });
  if (quote.error) fail("quote", quote.error);
  const hold = await patron.POST("/v1/redemptions", {
    body: { memberId: order.customer, points, cart: { lines, date: order.date }, expiresInMinutes: 30 },
    params: { header: { "idempotency-key": `hold-${order.number}` } },
  });
  if (hold.error) fail("hold", hold.error);
  const captured = await patron.POST("/v1/redemptions/{id}/capture", {
    params: { path: { id: hold.data.id } },
    body: { source: "erp", orderId: order.number, date: order.date, companyId: order.customer, lines },
  });
  if (captured.error) fail("capture", captured.error);
  return { quoted: quote.data, hold: captured.data.hold, order: captured.data.order };
}

/** Subscribes the ERP's webhook receiver; keep the returned secret (it is shown once) to check signatures. */
export async function subscribe(patron: PatronClient, url: string): Promise<{ id: string; secret: string }> {
  const { data, error } = await patron.POST("/v1/webhooks/endpoints", {
    body: { url, description: "ERP", eventTypes: ["points.earned", "points.reversed", "tier.changed"] },
    params: { header: { "idempotency-key": `webhook-${url}` } },
  });
  if (error) fail("webhook endpoint", error);
  if (!data.secret) throw new Error("the endpoint was made by an earlier call: its secret was shown then");
  return { id: data.id, secret: data.secret };
}

/** How old a webhook may be before it is refused (replayed messages from long ago). */
const TOLERANCE_SECONDS = 5 * 60;

/**
 * Checks a webhook as the Standard Webhooks specification says: HMAC-SHA256 of `id.timestamp.body` with the
 * secret's bytes, any of the space-separated `v1,` signatures, a timestamp within five minutes. Use the raw
 * body as received: parsing and re-serialising JSON changes the bytes.
 */
export function verifyWebhook(
  secret: string,
  headers: { "webhook-id": string; "webhook-timestamp": string; "webhook-signature": string },
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  const timestamp = Number(headers["webhook-timestamp"]);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > TOLERANCE_SECONDS) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key)
    .update(`${headers["webhook-id"]}.${timestamp}.${body}`)
    .digest();
  return headers["webhook-signature"].split(" ").some((s) => {
    const [version, signature] = s.split(",");
    if (version !== "v1" || !signature) return false;
    const given = Buffer.from(signature, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
