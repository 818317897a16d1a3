// Runs the integration guide's TypeScript example (examples/integration/erp.ts) against the server, so the guide
// cannot drift from the API: orders and a return in, balances out, a checkout with a hold, and a webhook whose
// signature the example's own check accepts, and refuses once the body is touched.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createApp, startWebhookWorker } from "@patron/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  balance,
  checkout,
  connect,
  sendOrders,
  sendReturn,
  subscribe,
  upsertCompany,
  verifyWebhook,
} from "../../../examples/integration/erp.ts";
import { type Receiver, startReceiver, until } from "../../server/src/modules/webhooks/testing.ts";
import { type TestDb, testDb } from "../../server/src/testing/db.ts";
import { createPatronClient } from "./index.ts";

const PROGRAM = readFileSync(
  fileURLToPath(new URL("../../../examples/programs/01-volume-tiers.yaml", import.meta.url)),
  "utf8",
);

let t: TestDb;
let app: ReturnType<typeof createApp>;
let receiver: Receiver;
const fetchApp = (request: Request) => Promise.resolve(app.fetch(request));
const BASE = "http://patron.test";

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, log: () => {}, webDir: null });
  receiver = await startReceiver();
}, 60_000);
afterAll(async () => {
  await receiver.close();
  await t.drop();
});

describe("the integration guide's example", () => {
  it("wires an ERP: orders and returns in, balances out, checkout with points, signed webhooks", async () => {
    const boot = await createPatronClient({ baseUrl: BASE, fetch: fetchApp }).POST("/v1/tenants", {
      body: { id: "erp", name: "ERP Ltd", owner: { email: "o@erp.example", name: "Owner" } },
    });
    const key = boot.data?.apiKey.secret;
    if (!key) throw new Error("no key");
    const patron = connect(BASE, key, fetchApp);
    expect((await patron.POST("/v1/programs", { body: { definition: PROGRAM } })).response.status).toBe(201);

    const hook = await subscribe(patron, receiver.url);
    await upsertCompany(patron, "C1", "Contoso");
    await upsertCompany(patron, "C1", "Contoso Retail"); // a second run renames, never duplicates
    const orders = [
      {
        number: "10045",
        date: "2026-03-01",
        customer: "C1",
        lines: [{ sku: "A", category: "goods", quantity: 2, unitPrice: "9250.00" }],
      },
      {
        number: "10046",
        date: "2026-03-02",
        customer: "C1",
        lines: [{ sku: "B", category: "goods", quantity: 1, unitPrice: "1000.00" }],
      },
    ];
    const earned = await sendOrders(patron, orders);
    expect(Object.fromEntries(earned)).toEqual({ "10045": 185, "10046": 10 });
    // Sent again (a retry after a timeout), the batch changes nothing.
    expect(Object.fromEntries(await sendOrders(patron, orders))).toEqual({ "10045": 185, "10046": 10 });
    expect(
      await sendReturn(patron, "CN-7", "10045", "2026-03-05", [
        { sku: "A", quantity: 1, unitPrice: "9250.00" },
      ]),
    ).toBe(92);
    expect((await balance(patron, "C1")).available).toBe(185 + 10 - 92);

    const done = await checkout(
      patron,
      {
        number: "10047",
        date: "2026-03-06",
        customer: "C1",
        lines: [{ sku: "A", category: "goods", quantity: 1, unitPrice: "1000.00" }],
      },
      100,
    );
    expect(done.hold.status).toBe("captured");
    expect((done.order.result as { pointsRedeemed: number }).pointsRedeemed).toBe(100);
    expect((await balance(patron, "C1")).available).toBe(185 + 10 - 92 - 100 + 9);

    receiver.answer = () => 200;
    const worker = startWebhookWorker(t.db, { pollMs: 10, onError: () => undefined });
    try {
      await until(() => receiver.received.some((r) => r.body.includes('"type":"points.reversed"')));
    } finally {
      await worker.stop();
    }
    const got = receiver.received.find((r) => r.body.includes('"type":"points.reversed"'));
    if (!got) throw new Error("no webhook");
    const headers = {
      "webhook-id": String(got.headers["webhook-id"]),
      "webhook-timestamp": String(got.headers["webhook-timestamp"]),
      "webhook-signature": String(got.headers["webhook-signature"]),
    };
    expect(verifyWebhook(hook.secret, headers, got.body)).toBe(true);
    expect(verifyWebhook(hook.secret, headers, got.body.replace('"points":92', '"points":920'))).toBe(false);
    expect(verifyWebhook(hook.secret, headers, got.body, Number(headers["webhook-timestamp"]) + 3600)).toBe(
      false,
    );
  });
});
