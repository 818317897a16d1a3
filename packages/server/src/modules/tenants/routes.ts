// HTTP routes of tenancy: bootstrap a tenant, manage its API keys and console users. The schemas here both
// validate the requests and generate their part of the OpenAPI document.
import { createRoute, z } from "@hono/zod-openapi";
import { Comment, changeFrom, type Deps, MutationHeaders, newRouter } from "../../http/context.ts";
import { errorResponses } from "../../http/errors.ts";
import { type Outcome, withIdempotency } from "../../http/idempotency.ts";
import { authenticate, requireBootstrapToken, requireRole } from "./auth.ts";
import { ACCESS_MANAGERS, ROLES } from "./roles.ts";
import { hashPassword, TENANT_ID_PATTERN } from "./secrets.ts";
import {
  bootstrapTenant,
  createApiKey,
  createUser,
  forgetKeys,
  listApiKeys,
  listUsers,
  MAX_PAGE,
  revokeApiKey,
} from "./service.ts";

const Role = z.enum(ROLES).openapi({
  description:
    "owner: everything, including other owners · admin: everything but owners · program_manager, " +
    "sales_manager, finance, support: their own areas",
});

const Email = z.email().max(254).openapi({ example: "ana@example.com" });
const PersonName = z.string().trim().min(1).max(200).openapi({ example: "Ana Lima" });
const Password = z
  .string()
  .min(12)
  .max(256)
  .openapi({ description: "For the console; at least 12 characters. Stored as a salted scrypt hash." });

const Tenant = z.object({ id: z.string(), name: z.string(), createdAt: z.string() }).openapi("Tenant");

const User = z
  .object({ id: z.string(), email: z.string(), name: z.string(), role: Role, createdAt: z.string() })
  .openapi("User");

const ApiKey = z
  .object({
    id: z.string().openapi({ example: "key_01jb3v6c9w2x8k4m5n7p9q1r3s" }),
    name: z.string().nullable(),
    prefix: z.string().openapi({ description: "The start of the key, to recognise it; not a secret." }),
    role: Role,
    createdBy: z.string().openapi({ description: "The user or key that created it." }),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
    userId: z.string().nullable().openapi({ description: "The console user the key acts for, if any." }),
  })
  .openapi("ApiKey");

const NewApiKey = ApiKey.extend({
  secret: z
    .string()
    .nullable()
    .openapi({
      description:
        "The key to send as `Authorization: Bearer <secret>`. Shown once: it is never stored, so a replay " +
        "of this request under its Idempotency-Key answers null here.",
    }),
}).openapi("NewApiKey");
type NewApiKey = z.infer<typeof NewApiKey>;

const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
  cursor: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .openapi({ description: "The `nextCursor` of the previous page." }),
});

const page = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() }).openapi(name);

const BootstrapBody = z
  .strictObject({
    id: z.string().regex(TENANT_ID_PATTERN).openapi({
      description:
        "2 to 40 lower-case letters, digits and dashes, starting with a letter; part of every API key.",
      example: "acme",
    }),
    name: z.string().trim().min(1).max(200).openapi({ example: "Acme Wholesale" }),
    owner: z.strictObject({ email: Email, name: PersonName, password: Password.optional() }),
    comment: Comment,
  })
  .openapi("BootstrapTenant");

const Bootstrapped = z
  .object({ tenant: Tenant, owner: User, apiKey: NewApiKey })
  .openapi("BootstrappedTenant");
type Bootstrapped = z.infer<typeof Bootstrapped>;

const CreateApiKeyBody = z
  .strictObject({
    role: Role,
    name: z.string().trim().min(1).max(100).optional().openapi({ example: "ERP integration" }),
    userId: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .openapi({
        description:
          "Makes the key act for this console user, who must hold the same role: a sales manager's key sees " +
          "only that user's clients.",
      }),
    comment: Comment,
  })
  .openapi("CreateApiKey");

const CreateUserBody = z
  .strictObject({
    email: Email,
    name: PersonName,
    role: Role,
    password: Password.optional(),
    comment: Comment,
  })
  .openapi("CreateUser");

const KeyId = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "id", in: "path" }, example: "key_01jb3v6c9w2x8k4m5n7p9q1r3s" }),
});

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const body = <T extends z.ZodType>(schema: T) => ({
  content: { "application/json": { schema } },
  required: true,
});

const security = [{ bearer: [] }];

export function tenantRoutes(deps: Deps) {
  const app = newRouter();
  const auth = authenticate(deps.db);
  const managers = requireRole(ACCESS_MANAGERS);

  app.openapi(
    createRoute({
      method: "post",
      path: "/tenants",
      tags: ["Tenants"],
      summary: "Bootstrap a tenant",
      description:
        "Creates a tenant, its owner and an owner API key, returned once. Needs the deployment's bootstrap " +
        "token as a bearer token; a deployment started without one accepts only its first tenant.",
      security,
      middleware: [requireBootstrapToken(deps.bootstrapToken)] as const,
      request: { headers: MutationHeaders, body: body(BootstrapBody) },
      responses: {
        201: json(Bootstrapped, "Created"),
        ...errorResponses(400, 401, 403, 409, 413, 415, 422),
      },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const passwordHash =
        input.owner.password === undefined ? null : await hashPassword(input.owner.password);
      const scope = {
        db: deps.db,
        tenantId: input.id,
        status: 201 as const,
        input: { ...input, owner: withoutPassword(input.owner) },
      };
      const out = await withIdempotency(c, scope, async (tx): Promise<Outcome<Bootstrapped>> => {
        const made = await bootstrapTenant(
          tx,
          {
            id: input.id,
            name: input.name,
            owner: { email: input.owner.email, name: input.owner.name, passwordHash },
          },
          changeFrom(c, deps.now, "bootstrap", input.comment),
          { onlyIfFirst: deps.bootstrapToken === null },
        );
        const answer = {
          tenant: made.tenant,
          owner: made.owner,
          apiKey: { ...made.apiKey, secret: made.token },
        };
        return { body: answer, replayBody: { ...answer, apiKey: { ...made.apiKey, secret: null } } };
      });
      return c.json(out, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api-keys",
      tags: ["Access"],
      summary: "Create an API key",
      description:
        "The key's secret is in the answer once. Owners and admins; only an owner can create an owner key.",
      security,
      middleware: [auth, managers] as const,
      request: { headers: MutationHeaders, body: body(CreateApiKeyBody) },
      responses: { 201: json(NewApiKey, "Created"), ...errorResponses(400, 401, 403, 409, 413, 415, 422) },
    }),
    async (c) => {
      const p = c.get("principal");
      const input = c.req.valid("json");
      const scope = { db: deps.db, tenantId: p.tenantId, status: 201 as const, input };
      const out = await withIdempotency(c, scope, async (tx): Promise<Outcome<NewApiKey>> => {
        const made = await createApiKey(
          tx,
          p.tenantId,
          { role: input.role, name: input.name ?? null, userId: input.userId ?? null },
          p,
          changeFrom(c, deps.now, p.keyId, input.comment),
        );
        return { body: { ...made.key, secret: made.token }, replayBody: { ...made.key, secret: null } };
      });
      return c.json(out, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api-keys",
      tags: ["Access"],
      summary: "List API keys",
      description: "All of the tenant's keys, revoked ones included, oldest first. Owners and admins.",
      security,
      middleware: [auth, managers] as const,
      request: { query: PageQuery },
      responses: {
        200: json(page(ApiKey, "ApiKeyPage"), "A page of keys"),
        ...errorResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      return c.json(await listApiKeys(deps.db, p.tenantId, c.req.valid("query")), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api-keys/{id}",
      tags: ["Access"],
      summary: "Revoke an API key",
      description:
        "The key stops working at once. Revoking a revoked key changes nothing. Only an owner can revoke an " +
        "owner key, and never the last one. Give the reason in X-Audit-Comment.",
      security,
      middleware: [auth, managers] as const,
      request: { headers: MutationHeaders, params: KeyId },
      responses: { 200: json(ApiKey, "The revoked key"), ...errorResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const p = c.get("principal");
      const { id } = c.req.valid("param");
      const out = await withIdempotency(
        c,
        { db: deps.db, tenantId: p.tenantId, status: 200, input: { id } },
        async (tx) => ({
          body: await revokeApiKey(tx, p.tenantId, id, p, changeFrom(c, deps.now, p.keyId)),
        }),
      );
      // Committed: a request that read the key while the revoke ran must not have kept it.
      forgetKeys(p.tenantId);
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/users",
      tags: ["Access"],
      summary: "List console users",
      description: "Oldest first. Owners and admins.",
      security,
      middleware: [auth, managers] as const,
      request: { query: PageQuery },
      responses: { 200: json(page(User, "UserPage"), "A page of users"), ...errorResponses(401, 403, 422) },
    }),
    async (c) => {
      const p = c.get("principal");
      return c.json(await listUsers(deps.db, p.tenantId, c.req.valid("query")), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/users",
      tags: ["Access"],
      summary: "Create a console user",
      description:
        "Emails are unique within a tenant, whatever their case. Owners and admins; only an owner can create an owner.",
      security,
      middleware: [auth, managers] as const,
      request: { headers: MutationHeaders, body: body(CreateUserBody) },
      responses: { 201: json(User, "Created"), ...errorResponses(400, 401, 403, 409, 413, 415, 422) },
    }),
    async (c) => {
      const p = c.get("principal");
      const input = c.req.valid("json");
      const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
      const scope = {
        db: deps.db,
        tenantId: p.tenantId,
        status: 201 as const,
        input: withoutPassword(input),
      };
      const out = await withIdempotency(c, scope, async (tx) => ({
        body: await createUser(
          tx,
          p.tenantId,
          { email: input.email, name: input.name, role: input.role, passwordHash },
          p,
          changeFrom(c, deps.now, p.keyId, input.comment),
        ),
      }));
      return c.json(out, 201);
    },
  );

  return app;
}

/**
 * The input to hash for idempotency, without the password: the stored request hash is a fast SHA-256, which
 * must not become a way around the password's slow scrypt hash. A retry that changes only the password is
 * taken for the same request.
 */
function withoutPassword<T extends { password?: string | undefined }>(
  input: T,
): Omit<T, "password"> & { password: boolean } {
  const { password, ...rest } = input;
  return { ...rest, password: password !== undefined };
}
