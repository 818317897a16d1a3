// The coalition tenant both partner test files start from: example 12's program (FUEL earns 1%, HOTEL 14% on
// hotel stays and 1% on the rest), some companies, and partners with one key each.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { createApp } from "../../http/app.ts";
import { bootstrap, call } from "../../http/testing.ts";
import { CSRF_HEADER } from "../sessions/cookie.ts";

export const COALITION_TOKEN = "bootstrap-token-for-tests";
const PROGRAM = readFileSync(
  fileURLToPath(new URL("../../../../../examples/programs/12-coalition.yaml", import.meta.url)),
  "utf8",
);

/** Makes tenant `tenantId` with the program, `companies` (named "Company <id>") and `partners` ([id, name]). */
export async function coalitionTenant(
  app: ReturnType<typeof createApp>,
  tenantId: string,
  companies: readonly string[],
  partners: readonly (readonly [string, string])[],
): Promise<{ key: string; keys: Record<string, string> }> {
  const key = (await bootstrap(app, tenantId, COALITION_TOKEN)).ownerKey;
  const ok = async <T>(path: string, body: object, status = 201) => {
    const r = await call<T>(app, "POST", path, { key, body });
    if (r.status !== status) throw new Error(`POST ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  await ok("/v1/programs", { definition: PROGRAM });
  for (const id of companies) await ok("/v1/companies", { id, name: `Company ${id}` });
  const keys: Record<string, string> = {};
  for (const [id, name] of partners) {
    const made = await ok<{ inProgram: boolean }>("/v1/partners", { id, name });
    if (!made.inProgram) throw new Error(`partner ${id} is not in the program`);
    const k = await ok<{ secret: string; prefix: string }>(`/v1/partners/${id}/keys`, { name: `${id} till` });
    if (!k.secret.startsWith(k.prefix)) throw new Error(`key of ${id} does not start with its prefix`);
    keys[id] = k.secret;
  }
  return { key, keys };
}

/** Invites a buyer of `companyId` and signs it in to the portal: its session cookie. */
export async function portalBuyer(
  app: ReturnType<typeof createApp>,
  tenantId: string,
  key: string,
  companyId: string,
): Promise<string> {
  const contact = await call<{ id: string }>(app, "POST", `/v1/companies/${companyId}/contacts`, {
    key,
    body: { name: `Buyer of ${companyId}`, email: `buyer@${companyId.toLowerCase()}.example`, role: "buyer" },
  });
  const invited = await call<{ link: string }>(app, "POST", `/v1/contacts/${contact.body.id}/invite`, {
    key,
    body: {},
  });
  const token = /[?&]token=([^&]+)/.exec(invited.body.link)?.[1] ?? "";
  const accepted = await call(app, "POST", "/v1/portal/accept-invite", {
    body: { tenant: tenantId, token: decodeURIComponent(token), password: "a long enough password" },
    headers: { [CSRF_HEADER]: "1" },
  });
  const cookie = /patron_session=[^;]*/.exec(accepted.headers.get("set-cookie") ?? "")?.[0];
  if (accepted.status !== 201 || !cookie)
    throw new Error(`portal sign-in of ${companyId}: ${accepted.status}`);
  return cookie;
}
