// Actions over HTTP: a training's attendance recorded for several contacts at once, once per external id and
// once per subject where the rule says so; the points go through the ledger into the wallet and show in the
// portal's history.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { formatDay, localDay } from "@patron/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../http/app.ts";
import { bootstrap, call, type ErrorAnswer, keyWithRole } from "../../http/testing.ts";
import { type TestDb, testDb } from "../../testing/db.ts";
import { staffWithKey } from "../companies/testing.ts";
import { verify } from "../ledger/service.ts";

const TOKEN = "bootstrap-token-for-tests";
const CSRF = { "x-patron-csrf": "1" };
const program = readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/15-rewards-and-training.yaml", import.meta.url)),
  "utf8",
).concat(`  - { id: course-done, event: course, points: 300 }
  - { id: profile-done, event: profile, points: 200 }
  - { id: birthday-gift, event: greeting, subject: anniversary, points: 1000, oncePerSubject: false }
`);

interface Recorded {
  id: string;
  externalId: string;
  points: number;
  replayed: boolean;
  effects: { code: string }[];
}

let t: TestDb;
let app: ReturnType<typeof createApp>;
let owner = "";
const contacts: string[] = [];
// Near the real time: the portal checks its sessions against the wall clock.
const now = new Date(Math.floor(Date.now() / 1000) * 1000);
// The program's own day (Europe/Moscow), which an action without a date is recorded on: from 21:00 UTC it is
// the next UTC day.
const today = formatDay(localDay(now.toISOString(), "Europe/Moscow") as number);

const post = <T>(key: string, path: string, body: unknown, headers?: Record<string, string>) =>
  call<T & ErrorAnswer>(app, "POST", path, { key, body, ...(headers ? { headers } : {}) });
const wallet = async (id: string) =>
  (await call<{ available: number }>(app, "GET", `/v1/members/${id}/wallet`, { key: owner })).body.available;

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, bootstrapToken: TOKEN, now: () => now, webDir: null });
  owner = (await bootstrap(app, "acme", TOKEN)).ownerKey;
  expect((await post(owner, "/v1/programs", { definition: program })).status).toBe(201);
  for (const id of ["C1", "C2"])
    expect((await post(owner, "/v1/companies", { id, name: id })).status).toBe(201);
  for (const name of ["ann", "ben", "cid"]) {
    const c = await post<{ id: string }>(owner, "/v1/companies/C1/contacts", {
      name,
      email: `${name}@c1.example`,
      role: name === "ann" ? "company_admin" : "buyer",
    });
    contacts.push(c.body.id);
  }
}, 120_000);
afterAll(() => t.drop());

describe("actions", () => {
  it("a training's attendance for three contacts earns for each, once per contact and subject, recorded once each", async () => {
    const batch = {
      actions: contacts.map((contactId, i) => ({
        externalId: `training-7/${i}`,
        companyId: "C1",
        contactId,
        action: "attendance",
        subject: "safety-2026",
      })),
    };
    const r = await post<{ data: Recorded[] }>(owner, "/v1/actions/batch", batch);
    expect(r.status).toBe(200);
    expect(r.body.data.map((x) => x.points)).toEqual([500, 500, 500]);
    expect(await wallet("C1")).toBe(1500);
    const again = await post<{ data: Recorded[] }>(owner, "/v1/actions/batch", batch);
    expect(again.body.data.map((x) => x.replayed)).toEqual([true, true, true]);
    // The same contact at the same training again, under another id: once per subject, so nothing more.
    const twice = await post<Recorded>(owner, "/v1/actions", {
      externalId: "training-7/again",
      companyId: "C1",
      contactId: contacts[0],
      action: "attendance",
      subject: "safety-2026",
    });
    expect(twice.body.points).toBe(0);
    expect(twice.body.effects.map((e) => e.code)).toEqual(["action.alreadyEarned"]);
    expect(await wallet("C1")).toBe(1500);
  });

  it("courses, profile and greetings earn by their rules; an action without a rule earns nothing", async () => {
    const one = (externalId: string, action: string, subject?: string) =>
      post<Recorded>(owner, "/v1/actions", {
        externalId,
        companyId: "C2",
        action,
        ...(subject ? { subject } : {}),
      });
    expect((await one("c-1", "course", "pumps-101")).body.points).toBe(300);
    expect((await one("p-1", "profile")).body.points).toBe(200);
    expect((await one("g-1", "greeting", "anniversary")).body.points).toBe(1000);
    expect((await one("g-2", "greeting", "anniversary")).body.points).toBe(1000);
    const none = await one("s-1", "survey", "nps-q1");
    expect(none.body.points).toBe(0);
    expect(none.body.effects.map((e) => e.code)).toEqual(["action.noRule"]);
    expect(await wallet("C2")).toBe(2500);
    const clash = await one("c-1", "profile");
    expect(clash.status).toBe(409);
    expect(clash.body.error.field).toBe("externalId");
    expect((await verify(t.db, "acme")).differences).toEqual([]);
  });

  it("bad input names the field and writes nothing; roles and scopes hold", async () => {
    const bad = await post(owner, "/v1/actions/batch", {
      actions: [
        { externalId: "ok-1", companyId: "C2", action: "course", subject: "x" },
        { externalId: "ok-2", companyId: "NOPE", action: "course" },
      ],
    });
    expect(bad.status).toBe(404);
    expect(bad.body.error.field).toBe("actions[1].companyId");
    const listed = await call<{ data: Recorded[] }>(app, "GET", "/v1/actions?companyId=C2", { key: owner });
    expect(listed.body.data.map((x) => x.externalId)).not.toContain("ok-1");
    const kind = await post(owner, "/v1/actions", { externalId: "k", companyId: "C2", action: "dance" });
    expect(kind.status).toBe(422);
    expect(kind.body.error.field).toBe("action");
    const future = await post(owner, "/v1/actions", {
      externalId: "f",
      companyId: "C2",
      action: "course",
      date: "2999-01-01",
    });
    expect(future.status).toBe(422);
    expect(future.body.error.field).toBe("date");
    const wrongContact = await post(owner, "/v1/actions", {
      externalId: "w",
      companyId: "C2",
      contactId: contacts[0],
      action: "course",
    });
    expect(wrongContact.status).toBe(404);
    const finance = await keyWithRole(app, owner, "finance");
    expect(
      (await post(finance, "/v1/actions", { externalId: "r", companyId: "C2", action: "course" })).status,
    ).toBe(403);
    const rep = await staffWithKey(app, owner, "rep@acme.example");
    expect(
      (await post(rep.key, "/v1/actions", { externalId: "r", companyId: "C2", action: "course" })).status,
    ).toBe(404);
    const other = (await bootstrap(app, "other", TOKEN)).ownerKey;
    expect((await call<{ data: Recorded[] }>(app, "GET", "/v1/actions", { key: other })).body.data).toEqual(
      [],
    );
  });

  it("the portal shows the company's actions and their points", async () => {
    const inv = await post<{ link: string }>(owner, `/v1/contacts/${contacts[0]}/invite`, undefined);
    const token = /token=([^&]+)/.exec(inv.body.link)?.[1] as string;
    const accepted = await call(app, "POST", "/v1/portal/accept-invite", {
      body: { tenant: "acme", token, password: "a portal password" },
      headers: CSRF,
    });
    expect(accepted.status).toBe(201);
    const cookie = `patron_session=${/patron_session=([^;]*)/.exec(accepted.headers.get("set-cookie") ?? "")?.[1]}`;
    const h = await call<{ data: (Recorded & { date: string })[] }>(app, "GET", "/v1/portal/actions", {
      headers: { cookie, ...CSRF },
    });
    expect(h.status).toBe(200);
    expect(h.body.data.map((x) => x.externalId).sort()).toEqual([
      "training-7/0",
      "training-7/1",
      "training-7/2",
      "training-7/again",
    ]);
    expect(h.body.data.every((x) => x.date === today)).toBe(true);
  });
});
