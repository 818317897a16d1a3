// Helpers for the tests of companies and contacts: a console user with a key that acts for them.
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../http/context.ts";
import { call, type NewKey } from "../../http/testing.ts";

export interface Staff {
  userId: string;
  key: string;
}

/** Creates a console user with `role` and an API key acting for them. */
export async function staffWithKey(
  app: OpenAPIHono<AppEnv>,
  ownerKey: string,
  email: string,
  role = "sales_manager",
): Promise<Staff> {
  const user = await call<{ id: string }>(app, "POST", "/v1/users", {
    key: ownerKey,
    body: { email, name: email.split("@")[0], role },
  });
  if (user.status !== 201) throw new Error(`user creation failed: ${JSON.stringify(user.body)}`);
  const key = await call<NewKey>(app, "POST", "/v1/api-keys", {
    key: ownerKey,
    body: { role, name: email, userId: user.body.id },
  });
  if (key.status !== 201 || !key.body.secret)
    throw new Error(`key creation failed: ${JSON.stringify(key.body)}`);
  return { userId: user.body.id, key: key.body.secret };
}
