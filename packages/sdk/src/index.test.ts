// The generated client against an in-memory server: typed calls with an API key, errors as typed bodies,
// and the CSRF header it adds to changes.
import { createApp } from "@patron/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDb, testDb } from "../../server/src/testing/db.ts";
import { CSRF_HEADER, createPatronClient, errorMessage } from "./index.ts";

let t: TestDb;
let app: ReturnType<typeof createApp>;
const seen: Request[] = [];
const fetchApp = (request: Request) => {
  seen.push(request.clone());
  return Promise.resolve(app.fetch(request));
};

beforeAll(async () => {
  t = await testDb();
  app = createApp({ db: t.db, log: () => {}, webDir: null });
}, 60_000);
afterAll(() => t.drop());

describe("createPatronClient", () => {
  it("bootstraps, creates and lists keys with typed answers", async () => {
    const anonymous = createPatronClient({ baseUrl: "http://patron.test", fetch: fetchApp });
    const boot = await anonymous.POST("/v1/tenants", {
      body: { id: "sdk", name: "SDK Ltd", owner: { email: "o@sdk.example", name: "Owner" } },
    });
    expect(boot.response.status).toBe(201);
    const secret = boot.data?.apiKey.secret;
    if (!secret) throw new Error("no owner key");

    const client = createPatronClient({ baseUrl: "http://patron.test", apiKey: secret, fetch: fetchApp });
    const made = await client.POST("/v1/api-keys", { body: { role: "finance", name: "books" } });
    expect(made.data?.role).toBe("finance");
    expect(seen.at(-1)?.headers.get(CSRF_HEADER)).toBe("1");
    expect(seen.at(-1)?.headers.get("authorization")).toBe(`Bearer ${secret}`);

    const listed = await client.GET("/v1/api-keys", { params: { query: { limit: 10 } } });
    expect(listed.data?.data.map((k) => k.name)).toEqual(["owner", "books"]);
    expect(seen.at(-1)?.headers.get(CSRF_HEADER)).toBeNull();

    const me = await client.GET("/v1/sessions/current");
    expect(me.data).toMatchObject({ via: "key", role: "owner", tenant: { id: "sdk", name: "SDK Ltd" } });
  });

  it("answers errors as the API's error body", async () => {
    const client = createPatronClient({
      baseUrl: "http://patron.test",
      apiKey: "ptn_sdk_nope",
      fetch: fetchApp,
    });
    const r = await client.GET("/v1/users", { params: { query: { limit: 5 } } });
    expect(r.data).toBeUndefined();
    expect(r.error?.error.code).toBe("unauthorized");
    expect(errorMessage(r.error)).toBe("this API key is not valid or was revoked");
    expect(errorMessage(new Error("offline"))).toBe("offline");
  });
});
