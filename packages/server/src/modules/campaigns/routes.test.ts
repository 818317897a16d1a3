// Sales campaigns through the API with the sales campaign program (example 14, roubles): a staff campaign over
// February scored by net sales, orders credited to the company's sales manager or the one the order names, a
// cancellation taken back, milestone badges, the close with its prizes, the report and its CSV, the copy to a
// new period; a dealer campaign scored by quantity of one category whose prize points go through the ledger;
// bad input and permissions.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer, keyWithRole } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { type Staff, staffWithKey } from "../companies/testing.ts";
import { balanceOf, verify } from "../ledger/service.ts";

const TOKEN = "bootstrap-token-for-tests";
const program = readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/14-sales-campaign.yaml", import.meta.url)),
  "utf8",
);

interface Campaign {
  id: string;
  status: string;
  defaultTarget: string;
  copiedFrom: string | null;
  participantCount: number;
  startsOn: string;
  endsOn: string;
  participants: { subject: string; name: string; team: string | null; target: string; score: string }[];
}
interface Row {
  rank: number;
  participant: string;
  score: string;
  target: string;
  progressMilli: number;
  reachedTarget: boolean;
  sales: number;
  badges: string[];
}
interface Board {
  participants: number;
  individuals: Row[];
  teams: { rank: number; team: string; score: string; target: string; progressMilli: number }[];
  me: Row | null;
}
interface Report {
  participants: { participant: string; rank: number; amount: string; prizes: string[]; points: number }[];
  awards: { participant: string; kind: string; code: string; points: number; transactionId: string | null }[];
}

let t: TestDb;
let app: ReturnType<typeof createApp>;
let key: string;
let otherKey: string;
let financeKey: string;
let reps: Staff[];
let clock = new Date("2026-02-01T09:00:00Z");

const send = async (body: object) => {
  const r = await call(app, "POST", "/v1/events", { key, body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
};
const order = (orderId: string, companyId: string, date: string, lines: object[], extra: object = {}) =>
  send({ type: "order", orderId, companyId, date, lines, ...extra });
const board = async (id: string, k = key) => {
  const r = await call<Board>(app, "GET", `/v1/campaigns/${id}/leaderboard`, { key: k });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const create = (body: object, k = key, headers: Record<string, string> = {}) =>
  call<Campaign>(app, "POST", "/v1/campaigns", { key: k, body, headers });

const rep = (i: number) => reps[i] as Staff;
const staffCampaign = () => ({
  name: "February honor board",
  audience: "staff",
  metric: "amount",
  startsOn: "2026-02-01",
  endsOn: "2026-02-28",
  defaultTarget: "10000.00",
  milestones: [150, 50, 100, 50],
  prizes: [
    { top: 1, prize: "A weekend trip" },
    { aboveTarget: true, prize: "Target bonus" },
  ],
  participants: [
    { kind: "user", id: rep(0).userId, team: "North", target: "5000.00" },
    { kind: "user", id: rep(1).userId, team: "North" },
    { kind: "user", id: rep(2).userId, team: "South" },
  ],
});

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN, now: () => clock });
  key = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  otherKey = (await bootstrap(app, "other", TOKEN)).ownerKey;
  financeKey = await keyWithRole(app, key, "finance");
  expect((await call(app, "POST", "/v1/programs", { key, body: { definition: program } })).status).toBe(201);
  reps = [];
  for (const n of ["anna", "boris", "vera"]) reps.push(await staffWithKey(app, key, `${n}@acme.example`));
  for (const [i, id] of ["C1", "C2", "C3"].entries()) {
    const r = await call(app, "POST", "/v1/companies", {
      key,
      body: { id, name: `Client ${id}`, salesRepId: rep(i).userId },
    });
    expect(r.status).toBe(201);
  }
  for (const [company, id] of [
    ["C1", "K1"],
    ["C2", "K2"],
  ] as const) {
    const r = await call(app, "POST", `/v1/companies/${company}/contacts`, {
      key,
      body: { id, name: `Dealer ${id}`, email: `${id.toLowerCase()}@dealer.example`, role: "buyer" },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
}, 120_000);
afterAll(async () => {
  await t.drop();
});

describe("a staff campaign", () => {
  let id: string;

  it("is created as a draft with sorted milestones and the default target for those without one", async () => {
    const r = await create(staffCampaign(), key, { "idempotency-key": "create-feb" });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    id = r.body.id;
    expect(id).toMatch(/^cmp_/);
    expect(r.body).toMatchObject({ status: "draft", defaultTarget: "10000.00", participantCount: 3 });
    expect(r.body.participants.map((p) => [p.subject, p.team, p.target])).toEqual(
      [
        [`user:${rep(0).userId}`, "North", "5000.00"],
        [`user:${rep(1).userId}`, "North", "10000.00"],
        [`user:${rep(2).userId}`, "South", "10000.00"],
      ].sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1)),
    );
    const again = await create(staffCampaign(), key, { "idempotency-key": "create-feb" });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body.id).toBe(id);
    const got = await call<{ milestones: number[] }>(app, "GET", `/v1/campaigns/${id}`, { key });
    expect(got.body.milestones).toEqual([50, 100, 150]);
  });

  it("scores nothing while a draft", async () => {
    await order("O0", "C1", "2026-02-01", [{ sku: "A", quantity: 1, unitPrice: "999.00" }]);
    expect((await board(id)).individuals.every((r) => r.score === "0.00")).toBe(true);
  });

  it("starts once and sends campaign.started", async () => {
    const r = await call<Campaign>(app, "POST", `/v1/campaigns/${id}/start`, { key });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.status).toBe("running");
    const twice = await call<ErrorAnswer>(app, "POST", `/v1/campaigns/${id}/start`, { key });
    expect(twice.status).toBe(409);
    const msgs = await t.db.query<{ payload: { campaignId: string; participants: number } }>(
      "SELECT payload FROM outbox WHERE tenant_id = 'acme' AND type = 'campaign.started'",
    );
    expect(msgs.rows.map((m) => [m.payload.campaignId, m.payload.participants])).toEqual([[id, 3]]);
    // The order stored while it was a draft scored at the start; its cancellation takes it back.
    expect((await board(id)).individuals[0]).toMatchObject({ score: "999.00", sales: 1 });
    await send({ type: "cancellation", source: "api", orderId: "O0", date: "2026-02-01" });
    expect((await board(id)).individuals.every((r) => r.score === "0.00" && r.sales === 0)).toBe(true);
  });

  it("ranks by net sales credited to the right sales manager, and takes a cancellation back", async () => {
    // Anna's client: 2 × 1,500.00 and 1 × 4,500.00 = 7,500.00, 150% of her 5,000.00.
    await order("O1", "C1", "2026-02-02", [{ sku: "A", quantity: 2, unitPrice: "1500.00" }]);
    await order("O2", "C1", "2026-02-03", [{ sku: "B", quantity: 1, unitPrice: "4500.00" }]);
    // Boris's client, but the order names Vera: 6,000.00 to Vera.
    await order("O3", "C2", "2026-02-04", [{ sku: "A", quantity: 1, unitPrice: "6000.00" }], {
      salesRepId: rep(2).userId,
    });
    // Boris: 2,000.00, 20%.
    await order("O4", "C2", "2026-02-05", [{ sku: "A", quantity: 1, unitPrice: "2000.00" }]);
    // Before the period: nothing.
    await order("O5", "C3", "2026-01-31", [{ sku: "A", quantity: 1, unitPrice: "7000.00" }]);
    // Vera's client, 9,000.00, then cancelled: back to 6,000.00.
    await order("O6", "C3", "2026-02-06", [{ sku: "A", quantity: 1, unitPrice: "9000.00" }]);
    expect((await board(id)).individuals[0]).toMatchObject({
      participant: `user:${rep(2).userId}`,
      score: "15000.00",
    });
    await send({ type: "cancellation", source: "api", orderId: "O6", date: "2026-02-07" });

    const b = await board(id);
    expect(
      b.individuals.map((r) => [r.participant, r.rank, r.score, r.progressMilli, r.reachedTarget, r.sales]),
    ).toEqual([
      [`user:${rep(0).userId}`, 1, "7500.00", 1500, true, 2],
      [`user:${rep(2).userId}`, 2, "6000.00", 600, false, 1],
      [`user:${rep(1).userId}`, 3, "2000.00", 200, false, 1],
    ]);
    expect(b.individuals[0]?.badges).toEqual(["first-sale", "target-50", "target-100", "target-150"]);
    // Vera reached 150% before the cancellation; back at 60%, she keeps only the badges that still hold.
    expect(b.individuals[1]?.badges).toEqual(["first-sale", "target-50"]);
    expect(b.individuals[2]?.badges).toEqual(["first-sale"]);
    // North: 7,500.00 + 2,000.00 of 5,000.00 + 10,000.00 = 633‰; South: 6,000.00 of 10,000.00.
    expect(b.teams).toEqual([
      {
        rank: 1,
        team: "North",
        score: "9500.00",
        target: "15000.00",
        progressMilli: 633,
        reachedTarget: false,
      },
      {
        rank: 2,
        team: "South",
        score: "6000.00",
        target: "10000.00",
        progressMilli: 600,
        reachedTarget: false,
      },
    ]);
  });

  it("lets a sales manager see the board and their own standing, not change or report", async () => {
    const me = await board(id, rep(1).key);
    expect(me.me).toMatchObject({ participant: `user:${rep(1).userId}`, rank: 3, score: "2000.00" });
    // Beyond the first place listed, the caller's own standing still comes in `me`.
    const top = await call<Board>(app, "GET", `/v1/campaigns/${id}/leaderboard?limit=1`, { key: rep(1).key });
    expect(top.body.individuals.map((r) => r.rank)).toEqual([1]);
    expect(top.body.participants).toBe(3);
    expect(top.body.me).toMatchObject({ rank: 3, score: "2000.00", progressMilli: 200 });
    const own = await call<Campaign>(app, "GET", `/v1/campaigns/${id}`, { key: rep(1).key });
    expect(own.body.participants.map((p) => p.subject)).toEqual([`user:${rep(1).userId}`]);
    expect(own.body.participantCount).toBe(3);
    const denied = [
      await call(app, "PATCH", `/v1/campaigns/${id}`, { key: rep(1).key, body: { name: "Mine" } }),
      await call(app, "POST", `/v1/campaigns/${id}/close`, { key: rep(1).key }),
      await call(app, "POST", "/v1/campaigns", { key: rep(1).key, body: staffCampaign() }),
      await call(app, "GET", `/v1/campaigns/${id}/report`, { key: rep(1).key }),
      await call(app, "GET", `/v1/campaigns/${id}/export`, { key: rep(1).key }),
      await call(app, "POST", "/v1/campaigns", { key: financeKey, body: staffCampaign() }),
    ];
    expect(denied.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403]);
    expect((await call(app, "GET", `/v1/campaigns/${id}/report`, { key: financeKey })).status).toBe(200);
    expect((await call(app, "GET", `/v1/campaigns/${id}`, { key: otherKey })).status).toBe(404);
    expect((await call(app, "GET", `/v1/campaigns/${id}/leaderboard`, { key: otherKey })).status).toBe(404);
  });

  it("refuses changes once running, and a close before the day after its end", async () => {
    const patch = await call<ErrorAnswer>(app, "PATCH", `/v1/campaigns/${id}`, {
      key,
      body: { name: "Later" },
    });
    expect(patch.status).toBe(409);
    clock = new Date("2026-02-28T12:00:00Z");
    const early = await call<ErrorAnswer>(app, "POST", `/v1/campaigns/${id}/close`, { key });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain("2026-02-28");
  });

  it("closes with the prizes, the report, the CSV and campaign.ended", async () => {
    clock = new Date("2026-03-01T08:00:00Z");
    const r = await call<Campaign>(app, "POST", `/v1/campaigns/${id}/close`, {
      key,
      body: { comment: "Q done" },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.status).toBe("ended");
    const rep0 = `user:${rep(0).userId}`;
    const report = await call<Report>(app, "GET", `/v1/campaigns/${id}/report`, { key });
    expect(
      report.body.participants.map((p) => [p.participant, p.rank, p.amount, p.prizes, p.points]),
    ).toEqual([
      [rep0, 1, "7500.00", ["top-1: A weekend trip", "target: Target bonus"], 0],
      [`user:${rep(2).userId}`, 2, "6000.00", [], 0],
      [`user:${rep(1).userId}`, 3, "2000.00", [], 0],
    ]);
    const csv = await call<string>(app, "GET", `/v1/campaigns/${id}/export`, { key });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = csv.body.trim().split("\n");
    expect(lines[0]).toBe(
      "rank,participant,name,team,sales,amount,margin,quantity,newClients,score,target,progressPercent,reachedTarget,prizes,points",
    );
    // One new client: C1's first order (O0) was cancelled, so O1 became its first.
    expect(lines[1]).toBe(
      `1,${rep0},anna,North,2,7500.00,0.00,3.000,1,7500.00,5000.00,150.0,yes,top-1: A weekend trip; target: Target bonus,0`,
    );
    expect(lines).toHaveLength(4);
    const ended = await t.db.query<{ payload: { winners: { participant: string; prizes: string[] }[] } }>(
      "SELECT payload FROM outbox WHERE tenant_id = 'acme' AND type = 'campaign.ended'",
    );
    expect(ended.rows[0]?.payload.winners[0]).toMatchObject({
      participant: rep0,
      prizes: ["top-1", "target"],
    });
    expect((await call(app, "POST", `/v1/campaigns/${id}/close`, { key })).status).toBe(409);
    // An order of the period arriving after the close changes nothing.
    await order("O7", "C2", "2026-02-20", [{ sku: "A", quantity: 1, unitPrice: "100000.00" }]);
    expect((await board(id)).individuals[2]?.score).toBe("2000.00");
    // The report counts it as left out.
    const final = await call<{ lateOrders: number | null }>(app, "GET", `/v1/campaigns/${id}/report`, {
      key,
    });
    expect(final.body.lateOrders).toBe(1);
  });

  it("copies the setup to a new period as a draft with scores at zero", async () => {
    const r = await call<Campaign>(app, "POST", `/v1/campaigns/${id}/copy`, {
      key,
      body: { name: "March honor board", startsOn: "2026-03-01", endsOn: "2026-03-31" },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      status: "draft",
      copiedFrom: id,
      startsOn: "2026-03-01",
      participantCount: 3,
    });
    expect(r.body.participants.find((p) => p.subject === `user:${rep(0).userId}`)).toMatchObject({
      team: "North",
      target: "5000.00",
      score: "0.00",
    });
    const changed = await call<Campaign>(app, "PATCH", `/v1/campaigns/${r.body.id}`, {
      key,
      body: { defaultTarget: "12000.00" },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.participants.map((p) => p.target).sort()).toEqual([
      "12000.00",
      "12000.00",
      "5000.00",
    ]);
    const mine = await call<{ data: { id: string }[] }>(app, "GET", "/v1/campaigns", { key: rep(0).key });
    expect(mine.body.data.map((c) => c.id)).toEqual([r.body.id, id]);
  });
});

describe("a dealer campaign", () => {
  it("scores quantity of one category for contacts and companies and pays prize points through the ledger", async () => {
    clock = new Date("2026-03-01T08:00:00Z");
    const r = await create({
      name: "Paint sprint",
      audience: "dealer",
      metric: "quantity",
      categories: ["paint"],
      startsOn: "2026-03-01",
      endsOn: "2026-03-10",
      defaultTarget: "10",
      prizes: [
        { top: 1, points: 500 },
        { aboveTarget: true, points: 100 },
      ],
      participants: [
        { kind: "contact", id: "K1" },
        { kind: "company", id: "C2", target: "2.5" },
      ],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const id = r.body.id;
    expect((await call(app, "POST", `/v1/campaigns/${id}/start`, { key })).status).toBe(200);
    // K1 buys 12 cans of paint and a brush: 12 count. C2 buys 3 cans: 3 of its 2.5.
    await order(
      "D1",
      "C1",
      "2026-03-02",
      [
        { sku: "P1", category: "paint", quantity: 12, unitPrice: "100.00" },
        { sku: "T1", category: "tools", quantity: 1, unitPrice: "50.00" },
      ],
      { contactId: "K1" },
    );
    await order("D2", "C2", "2026-03-03", [
      { sku: "P1", category: "paint", quantity: 3, unitPrice: "100.00" },
    ]);
    // Tools only: nothing.
    await order("D3", "C2", "2026-03-04", [
      { sku: "T1", category: "tools", quantity: 9, unitPrice: "50.00" },
    ]);
    const b = await board(id);
    expect(b.individuals.map((x) => [x.participant, x.rank, x.score, x.progressMilli])).toEqual([
      ["contact:K1", 1, "12.000", 1200],
      ["company:C2", 2, "3.000", 1200],
    ]);
    clock = new Date("2026-03-11T08:00:00Z");
    expect((await call(app, "POST", `/v1/campaigns/${id}/close`, { key })).status).toBe(200);
    const report = await call<Report>(app, "GET", `/v1/campaigns/${id}/report`, { key });
    expect(report.body.participants.map((p) => [p.participant, p.points])).toEqual([
      ["contact:K1", 600],
      ["company:C2", 100],
    ]);
    expect(report.body.awards.filter((a) => a.kind === "prize").every((a) => a.transactionId !== null)).toBe(
      true,
    );
    expect(await balanceOf(t.db, "acme", "wallet:contact:K1")).toBe(600n);
    expect((await verify(t.db, "acme")).differences).toEqual([]);
  });
});

describe("the portal", () => {
  const CSRF = { "x-patron-csrf": "1" };
  const cookies: Record<string, string> = {};
  const signIn = async (contactId: string) => {
    const invited = await call<{ link: string }>(app, "POST", `/v1/contacts/${contactId}/invite`, {
      key,
      body: {},
    });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const token = decodeURIComponent(/token=([^&]+)/.exec(invited.body.link)?.[1] ?? "");
    const accepted = await call(app, "POST", "/v1/portal/accept-invite", {
      body: { tenant: "acme", token, password: "a long enough password" },
      headers: CSRF,
    });
    expect(accepted.status).toBe(201);
    cookies[contactId] = /patron_session=[^;]*/.exec(accepted.headers.get("set-cookie") ?? "")?.[0] ?? "";
  };
  const portal = <T>(who: string, path: string) =>
    call<T>(app, "GET", path, { headers: { cookie: cookies[who] as string, ...CSRF } });
  interface Mine {
    data: {
      id: string;
      name: string;
      status: string;
      participants: number;
      me: Record<string, unknown> | null;
    }[];
  }
  interface PortalBoard {
    top: { rank: number; name: string; score: string; me: boolean }[];
    me: { rank: number; score: string } | null;
  }

  it("shows a contact the started campaigns it or its company takes part in, and no other", async () => {
    clock = new Date("2026-03-12T08:00:00Z");
    const c3 = await call(app, "POST", "/v1/companies/C3/contacts", {
      key,
      body: { id: "K3", name: "Dealer K3", email: "k3@dealer.example", role: "buyer" },
    });
    expect(c3.status).toBe(201);
    // A draft naming K1 is not shown until it starts.
    const draft = await create({
      name: "Next sprint",
      audience: "dealer",
      metric: "quantity",
      startsOn: "2026-04-01",
      endsOn: "2026-04-10",
      defaultTarget: "10",
      participants: [{ kind: "contact", id: "K1" }],
    });
    expect(draft.status).toBe(201);
    for (const id of ["K1", "K2", "K3"]) await signIn(id);

    const k1 = await portal<Mine>("K1", "/v1/portal/campaigns");
    expect(k1.status, JSON.stringify(k1.body)).toBe(200);
    expect(k1.body.data.map((c) => [c.name, c.status, c.participants])).toEqual([
      ["Paint sprint", "ended", 2],
    ]);
    const sprint = k1.body.data[0]?.id as string;
    expect(k1.body.data[0]?.me).toEqual({
      rank: 1,
      name: "Dealer K1",
      team: null,
      score: "12.000",
      target: "10.000",
      progressMilli: 1200,
      reachedTarget: true,
      sales: 1,
      badges: ["first-sale", "target-50", "target-100"],
      me: true,
    });
    // K2 takes part through its company C2: second, 3 of 2.5.
    const k2 = await portal<Mine>("K2", "/v1/portal/campaigns");
    expect(k2.body.data.map((c) => [c.id, c.me?.rank, c.me?.score, c.me?.name])).toEqual([
      [sprint, 2, "3.000", "Client C2"],
    ]);
    const board = await portal<PortalBoard>("K2", `/v1/portal/campaigns/${sprint}`);
    expect(board.status).toBe(200);
    expect(board.body.top.map((r) => [r.rank, r.name, r.score, r.me])).toEqual([
      [1, "Dealer K1", "12.000", false],
      [2, "Client C2", "3.000", true],
    ]);
    // No participant ids reach the portal.
    expect(JSON.stringify(board.body)).not.toContain("contact:");
  });

  it("refuses a campaign the contact takes no part in, a staff key, and another tenant's cookie-less call", async () => {
    const k3 = await portal<Mine>("K3", "/v1/portal/campaigns");
    expect(k3.body.data).toEqual([]);
    const sprint = (await portal<Mine>("K1", "/v1/portal/campaigns")).body.data[0]?.id as string;
    expect((await portal("K3", `/v1/portal/campaigns/${sprint}`)).status).toBe(404);
    // A staff campaign K1 is no participant of, a draft it is named in, an unknown id.
    const staff = await call<{ data: { id: string; name: string; status: string }[] }>(
      app,
      "GET",
      "/v1/campaigns",
      {
        key,
      },
    );
    const april = staff.body.data.find((c) => c.name === "April paint margin")?.id as string;
    const next = staff.body.data.find((c) => c.name === "Next sprint")?.id as string;
    for (const id of [april, next, "cmp_nothing"])
      expect((await portal("K1", `/v1/portal/campaigns/${id}`)).status, id).toBe(404);
    expect((await call(app, "GET", "/v1/portal/campaigns", { key })).status).toBe(401);
    expect((await call(app, "GET", `/v1/portal/campaigns/${sprint}`, { key: otherKey })).status).toBe(401);
    expect((await call(app, "GET", "/v1/portal/campaigns", { headers: CSRF })).status).toBe(401);
  });
});

describe("returns", () => {
  let n = 0;
  const giveBack = (orderId: string, date: string, lines: object[]) =>
    send({ type: "return", externalId: `RET-${++n}`, orderId, date, lines });
  const standing = (b: Board) =>
    b.individuals.map((r) => [
      r.participant,
      r.rank,
      r.score,
      r.progressMilli,
      r.reachedTarget,
      r.sales,
      r.badges,
    ]);

  it("take back the returned lines' margin and new clients, inside the period and after it, until the close", async () => {
    clock = new Date("2026-04-01T08:00:00Z");
    const margin = await create({
      name: "April paint margin",
      audience: "staff",
      metric: "margin",
      categories: ["paint"],
      startsOn: "2026-04-01",
      endsOn: "2026-04-30",
      defaultTarget: "1000.00",
      milestones: [50, 100],
      participants: [
        { kind: "user", id: rep(0).userId },
        { kind: "user", id: rep(1).userId },
      ],
    });
    const clients = await create({
      name: "April new clients",
      audience: "staff",
      metric: "newClients",
      startsOn: "2026-04-01",
      endsOn: "2026-04-30",
      defaultTarget: "2",
      milestones: [100],
      participants: [{ kind: "user", id: rep(2).userId }],
    });
    for (const c of [margin, clients]) {
      expect(c.status, JSON.stringify(c.body)).toBe(201);
      expect((await call(app, "POST", `/v1/campaigns/${c.body.id}/start`, { key })).status).toBe(200);
    }
    for (const id of ["N1", "N2"]) {
      const r = await call(app, "POST", "/v1/companies", {
        key,
        body: { id, name: `New ${id}`, salesRepId: rep(2).userId },
      });
      expect(r.status).toBe(201);
    }
    // Anna: 4 cans at 500.00 costing 200.00 each, margin 4 × 300.00 = 1,200.00 (120%); the brush does not count.
    await order("R1", "C1", "2026-04-02", [
      { sku: "P1", category: "paint", quantity: 4, unitPrice: "500.00", unitCost: "200.00" },
      { sku: "T1", category: "tools", quantity: 1, unitPrice: "300.00", unitCost: "100.00" },
    ]);
    // Boris: 2 cans, 600.00 (60%).
    await order("R2", "C2", "2026-04-03", [
      { sku: "P1", category: "paint", quantity: 2, unitPrice: "500.00", unitCost: "200.00" },
    ]);
    // Vera: two first orders, two new clients.
    await order("R3", "N1", "2026-04-04", [
      { sku: "P1", category: "paint", quantity: 1, unitPrice: "500.00" },
    ]);
    await order("R4", "N2", "2026-04-04", [
      { sku: "P1", category: "paint", quantity: 2, unitPrice: "500.00" },
    ]);
    const anna = `user:${rep(0).userId}`;
    const boris = `user:${rep(1).userId}`;
    const vera = `user:${rep(2).userId}`;
    expect(standing(await board(margin.body.id))).toEqual([
      [anna, 1, "1200.00", 1200, true, 1, ["first-sale", "target-50", "target-100"]],
      [boris, 2, "600.00", 600, false, 1, ["first-sale", "target-50"]],
    ]);

    // One can back: 500.00 less its 200.00 cost, 1,200.00 - 300.00 = 900.00; below target, its badge goes.
    await giveBack("R1", "2026-04-05", [{ sku: "P1", unitPrice: "500.00", quantity: 1 }]);
    // The brush back: it never counted.
    await giveBack("R1", "2026-04-06", [{ sku: "T1", unitPrice: "300.00", quantity: 1 }]);
    // After the period, before the close: all of Boris's sale back, he has none left.
    await giveBack("R2", "2026-05-02", [{ sku: "P1", unitPrice: "500.00", quantity: 2 }]);
    expect(standing(await board(margin.body.id))).toEqual([
      [anna, 1, "900.00", 900, false, 1, ["first-sale", "target-50"]],
      [boris, 2, "0.00", 0, false, 0, []],
    ]);

    // N1's first order back in full: no longer a new client; N2 keeps one of its two cans and still counts.
    await giveBack("R3", "2026-04-10", [{ sku: "P1", unitPrice: "500.00", quantity: 1 }]);
    await giveBack("R4", "2026-04-10", [{ sku: "P1", unitPrice: "500.00", quantity: 1 }]);
    expect(standing(await board(clients.body.id))).toEqual([[vera, 1, "1", 500, false, 1, ["first-sale"]]]);

    // The close sums the scored sales again and finds the same.
    clock = new Date("2026-05-03T08:00:00Z");
    for (const c of [margin, clients])
      expect((await call(app, "POST", `/v1/campaigns/${c.body.id}/close`, { key })).status).toBe(200);
    const report = await call<{
      participants: {
        participant: string;
        sales: number;
        amount: string;
        margin: string;
        quantity: string;
      }[];
    }>(app, "GET", `/v1/campaigns/${margin.body.id}/report`, { key });
    expect(
      report.body.participants.map((p) => [p.participant, p.sales, p.amount, p.margin, p.quantity]),
    ).toEqual([
      [anna, 1, "1500.00", "900.00", "3.000"],
      [boris, 0, "0.00", "0.00", "0.000"],
    ]);
    expect(standing(await board(clients.body.id))).toEqual([[vera, 1, "1", 500, false, 1, ["first-sale"]]]);
    // After the close the standings are final: a return changes nothing.
    await giveBack("R1", "2026-05-04", [{ sku: "P1", unitPrice: "500.00", quantity: 3 }]);
    expect((await board(margin.body.id)).individuals[0]?.score).toBe("900.00");
  });
});

describe("orders stored before the start and after the close", () => {
  let n = 0;
  const giveBack = (orderId: string, date: string, lines: object[]) =>
    send({ type: "return", externalId: `BF-RET-${++n}`, orderId, date, lines });
  const paint = (quantity: number, unitPrice: string) => [
    { sku: "P1", category: "paint", quantity, unitPrice },
  ];
  const report = async (id: string) => {
    const r = await call<Report & { lateOrders: number | null }>(app, "GET", `/v1/campaigns/${id}/report`, {
      key,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };

  it("a campaign started in its period scores the orders already stored; a late one after the close is counted, not scored", async () => {
    // Orders of June stored before anyone made a campaign for June.
    await order("BF1", "C1", "2026-06-02", paint(2, "1000.00"), { contactId: "K1" });
    await order("BF2", "C2", "2026-06-03", paint(1, "3000.00"), { salesRepId: rep(0).userId });
    await order("BF3", "C3", "2026-05-31", paint(1, "9000.00"));
    await order("BF4", "C1", "2026-06-04", paint(3, "500.00"));
    await send({ type: "cancellation", source: "api", orderId: "BF4", date: "2026-06-05" });
    await giveBack("BF1", "2026-06-05", [{ sku: "P1", unitPrice: "1000.00", quantity: 1 }]);

    clock = new Date("2026-06-10T08:00:00Z");
    const staff = await create({
      name: "June, made late",
      audience: "staff",
      metric: "amount",
      startsOn: "2026-06-01",
      endsOn: "2026-06-30",
      defaultTarget: "5000.00",
      milestones: [50, 100],
      participants: [0, 1, 2].map((i) => ({ kind: "user", id: rep(i).userId })),
    });
    const dealer = await create({
      name: "June dealers, made late",
      audience: "dealer",
      metric: "quantity",
      startsOn: "2026-06-01",
      endsOn: "2026-06-30",
      defaultTarget: "2",
      milestones: [50],
      graceDays: 5,
      participants: [
        { kind: "contact", id: "K1" },
        { kind: "company", id: "C2" },
      ],
    });
    expect([staff.status, dealer.status]).toEqual([201, 201]);
    expect([
      (staff.body as Campaign & { graceDays: number }).graceDays,
      (dealer.body as Campaign & { graceDays: number }).graceDays,
    ]).toEqual([3, 5]);
    // Nothing scores while a draft.
    expect((await board(staff.body.id)).individuals.map((r) => r.score)).toEqual(["0.00", "0.00", "0.00"]);
    for (const c of [staff, dealer])
      expect((await call(app, "POST", `/v1/campaigns/${c.body.id}/start`, { key })).status).toBe(200);

    const anna = `user:${rep(0).userId}`;
    // Anna: BF1 (her client's, one of two units at 1,000.00 returned) 1,000.00 + BF2 (names her) 3,000.00 =
    // 4,000.00 of 5,000.00; BF3 is before June, BF4 was cancelled.
    const s1 = await board(staff.body.id);
    expect(s1.individuals[0]).toMatchObject({
      participant: anna,
      rank: 1,
      score: "4000.00",
      progressMilli: 800,
      sales: 2,
      badges: ["first-sale", "target-50"],
    });
    expect(s1.individuals.slice(1).map((r) => [r.score, r.sales, r.badges])).toEqual([
      ["0.00", 0, []],
      ["0.00", 0, []],
    ]);
    // K1: the unit of BF1 left; C2: BF2's one unit. 1 of 2 each: 500‰ and the 50% badge.
    const d1 = await board(dealer.body.id);
    expect(d1.individuals.map((r) => [r.participant, r.score, r.progressMilli, r.sales, r.badges])).toEqual([
      ["company:C2", "1.000", 500, 1, ["first-sale", "target-50"]],
      ["contact:K1", "1.000", 500, 1, ["first-sale", "target-50"]],
    ]);
    expect((await report(staff.body.id)).lateOrders).toBeNull();

    // From the start, orders score as they arrive, and returns take back from what the start scored.
    await order("BF5", "C3", "2026-06-11", paint(1, "2500.00"));
    await giveBack("BF1", "2026-06-12", [{ sku: "P1", unitPrice: "1000.00", quantity: 1 }]);
    const s2 = await board(staff.body.id);
    expect(s2.individuals.map((r) => [r.participant, r.score, r.sales])).toEqual([
      [anna, "3000.00", 1],
      [`user:${rep(2).userId}`, "2500.00", 1],
      [`user:${rep(1).userId}`, "0.00", 0],
    ]);
    expect((await board(dealer.body.id)).individuals.map((r) => [r.participant, r.score, r.sales])).toEqual([
      ["company:C2", "1.000", 1],
      ["contact:K1", "0.000", 0],
    ]);

    // Finalized by hand inside the grace; a June order arriving after that is left out and counted, a July one
    // is not the campaign's at all.
    clock = new Date("2026-07-01T08:00:00Z");
    for (const c of [staff, dealer])
      expect((await call(app, "POST", `/v1/campaigns/${c.body.id}/close`, { key })).status).toBe(200);
    await order("BF6", "C1", "2026-06-20", paint(1, "700.00"), { contactId: "K1" });
    await order("BF7", "C1", "2026-07-01", paint(1, "800.00"), { contactId: "K1" });
    const final = await report(staff.body.id);
    expect(final.lateOrders).toBe(1);
    expect(final.participants.map((p) => [p.participant, p.amount])).toEqual([
      [anna, "3000.00"],
      [`user:${rep(2).userId}`, "2500.00"],
      [`user:${rep(1).userId}`, "0.00"],
    ]);
    expect((await report(dealer.body.id)).lateOrders).toBe(1);
    expect((await board(dealer.body.id)).individuals.map((r) => r.score)).toEqual(["1.000", "0.000"]);
    expect((await verify(t.db, "acme")).differences).toEqual([]);
  });
});

describe("bad input", () => {
  const bad = async (change: object, field: string) => {
    const r = await create({ ...staffCampaign(), ...change });
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect((r.body as unknown as ErrorAnswer).error.field).toBe(field);
  };

  it("names the field at fault and writes nothing", async () => {
    const before = await t.db.query<{ n: string }>("SELECT count(*)::text AS n FROM sales_campaigns");
    await bad({ endsOn: "2026-01-01" }, "endsOn");
    await bad({ startsOn: "2026-02-30" }, "startsOn");
    await bad({ defaultTarget: "12.345" }, "defaultTarget");
    await bad({ defaultTarget: "0" }, "defaultTarget");
    await bad({ metric: "hugs" }, "metric");
    await bad({ prizes: [{ top: 1, points: 10 }] }, "prizes");
    await bad({ participants: [{ kind: "contact", id: "K1" }] }, "participants[0].kind");
    await bad({ participants: [{ kind: "user", id: "nobody" }] }, "participants[0].id");
    await bad(
      {
        participants: [
          { kind: "user", id: rep(0).userId },
          { kind: "user", id: rep(0).userId },
        ],
      },
      "participants[1].id",
    );
    await bad(
      { participants: [{ kind: "user", id: rep(0).userId, target: "-5" }] },
      "participants[0].target",
    );
    const after = await t.db.query<{ n: string }>("SELECT count(*)::text AS n FROM sales_campaigns");
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it("refuses an owner as a staff participant and a start without participants", async () => {
    const owner = await t.db.query<{ id: string }>(
      "SELECT id FROM users WHERE tenant_id = 'acme' AND role = 'owner' LIMIT 1",
    );
    await bad({ participants: [{ kind: "user", id: owner.rows[0]?.id }] }, "participants[0].id");
    const empty = await create({ ...staffCampaign(), participants: [] });
    expect(empty.status).toBe(201);
    const start = await call<ErrorAnswer>(app, "POST", `/v1/campaigns/${empty.body.id}/start`, { key });
    expect(start.status).toBe(422);
    expect(start.body.error.field).toBe("participants");
  });
});
