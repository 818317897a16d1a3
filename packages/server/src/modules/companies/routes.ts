// HTTP routes of companies, their contacts and segments, and the erasure of contacts' personal data. A sales
// manager's key sees only its user's clients: anything else answers 404, as if it did not exist.
import { createRoute, z } from "@hono/zod-openapi";
import {
  beforeEarliest,
  Comment,
  changeFrom,
  type Deps,
  EARLIEST_DATE,
  MutationHeaders,
  newRouter,
} from "../../http/context.ts";
import { errorResponses } from "../../http/errors.ts";
import { withIdempotency } from "../../http/idempotency.ts";
import { authenticate, requireRole } from "../tenants/auth.ts";
import type { Role } from "../tenants/roles.ts";
import {
  CIRCLES,
  CONTACT_ROLES,
  getContact,
  listContacts,
  updateContact,
  upsertContact,
} from "./contacts.ts";
import { eraseCompanyContacts, eraseContact } from "./erasure.ts";
import { addNote, listNotes, MAX_NOTE_LENGTH } from "./notes.ts";
import { companyScope } from "./scope.ts";
import {
  getCompany,
  listCompanies,
  listSegments,
  MAX_CHILDREN_SHOWN,
  MAX_HIERARCHY_DEPTH,
  MAX_PAGE,
  updateCompany,
  upsertCompany,
} from "./service.ts";

/** May read companies and contacts; a sales manager only their own clients. */
const READERS: readonly Role[] = ["owner", "admin", "program_manager", "sales_manager", "support"];
/** May change them; a sales manager only their own clients. */
const WRITERS: readonly Role[] = ["owner", "admin", "sales_manager", "support"];
/** May erase a person's data. */
const ERASERS: readonly Role[] = ["owner", "admin"];

const Text = (max: number) => z.string().trim().min(1).max(max);
const CompanyIdText = z.string().min(1).max(200).openapi({ example: "C-10045" });
/** Dates and instants from EARLIEST_DATE on: earlier ones are no business date, and the database refuses year 0. */
const fromEarliest = { message: `must be on or after ${EARLIEST_DATE}` };
const Day = z.iso
  .date()
  .refine((s) => !beforeEarliest(s), fromEarliest)
  .openapi({ example: "2026-01-31" });

const Attributes = z
  .record(z.string().min(1).max(64), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]))
  .refine((r) => Object.keys(r).length <= 50, { message: "at most 50 attributes" })
  .openapi({
    description: "Free fields of the tenant's own (industry, CRM id...): up to 50, replaced as a whole.",
    example: { industry: "bakery", crmId: "0061x00000AbCdE" },
  });

const CompanyFieldsBody = {
  name: Text(300).openapi({ example: "Northwind Traders" }),
  taxId: Text(50).nullable().optional().openapi({ example: "7707083893" }),
  parentId: CompanyIdText.nullable()
    .optional()
    .openapi({
      description: `The holding this company belongs to: a company of the tenant, no cycles, at most ${MAX_HIERARCHY_DEPTH} levels.`,
    }),
  segment: Text(100).nullable().optional().openapi({ example: "horeca" }),
  region: Text(100).nullable().optional().openapi({ example: "north" }),
  joinedOn: Day.nullable().optional(),
  enrolledOn: Day.nullable().optional().openapi({ description: "When it joined the program." }),
  salesRepId: z
    .string()
    .min(1)
    .max(100)
    .nullable()
    .optional()
    .openapi({ description: "The console user (`usr_…`) who owns the client." }),
  attributes: Attributes.optional(),
  comment: Comment,
};

const CreateCompanyBody = z
  .strictObject({
    id: CompanyIdText.optional().openapi({
      description:
        "The company's id in the sending system (orders name it as companyId); a new `cmp_…` id when absent. " +
        "A company with this id is changed instead (one made by its first order too).",
    }),
    ...CompanyFieldsBody,
  })
  .openapi("CreateCompany");

const PatchCompanyBody = z
  .strictObject({ ...CompanyFieldsBody, name: CompanyFieldsBody.name.optional() })
  .openapi("PatchCompany");

const Company = z
  .object({
    id: z.string(),
    name: z.string().nullable().openapi({ description: "Null for a company known only from its orders." }),
    taxId: z.string().nullable(),
    parentId: z.string().nullable(),
    segment: z.string().nullable(),
    region: z.string().nullable(),
    joinedOn: z.string().nullable(),
    enrolledOn: z.string().nullable(),
    salesRepId: z.string().nullable(),
    attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    tier: z.string().nullable(),
    tierSince: z.string().nullable(),
    orderCount: z.number(),
    lastOrderOn: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string().nullable(),
  })
  .openapi("Company");

const CompanyDetail = Company.extend({
  children: z
    .array(z.object({ id: z.string(), name: z.string().nullable() }))
    .openapi({ description: `Direct subsidiaries, the first ${MAX_CHILDREN_SHOWN} by id.` }),
  childCount: z.number(),
  firstOrderOn: z
    .string()
    .nullable()
    .openapi({
      description:
        "The day of its first order, cancelled ones included; null before one. Beside `joinedOn` and `enrolledOn`, " +
        "which are null for a company made without them, it says since when the company buys in the program.",
    }),
  wallet: z.object({
    available: z.number(),
    pending: z.number(),
    nextExpiry: z.object({ on: z.string(), points: z.number() }).nullable(),
  }),
}).openapi("CompanyDetail");

const PageQuery = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
  cursor: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: "The `nextCursor` of the previous page." }),
};

const CompanyQuery = z.object({
  q: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: "A prefix of the name, id or tax id, in any case." }),
  segment: z.string().min(1).max(100).optional(),
  region: z.string().min(1).max(100).optional(),
  tier: z.string().min(1).max(100).optional(),
  parentId: z.string().min(1).max(200).optional().openapi({ description: "Subsidiaries of this company." }),
  salesRepId: z.string().min(1).max(100).optional(),
  ...PageQuery,
});

const ContactIdText = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,100}$/)
  .openapi({
    description: "Letters, digits and . _ : -, never personal data: an erased contact keeps its id.",
    example: "ctc_01jb3v6c9w2x8k4m5n7p9q1r3s",
  });

const Phone = z
  .string()
  .regex(/^\+?[0-9 ()./-]{3,40}$/)
  .openapi({ example: "+44 20 7946 0000" });

const ContactFieldsBody = {
  name: Text(200).openapi({ example: "Ana Lima" }),
  email: z.email().max(254).openapi({
    description: "Unique among the tenant's contacts, whatever its case.",
    example: "ana@example.com",
  }),
  phone: Phone.nullable().optional(),
  role: z
    .enum(CONTACT_ROLES)
    .optional()
    .openapi({
      description:
        "In the portal: company_admin sees everything of the company and approves reward requests; a buyer " +
        "sees their own orders. buyer when absent on creation.",
    }),
  circle: z
    .enum(CIRCLES)
    .nullable()
    .optional()
    .openapi({ description: "Their part in the company's decisions." }),
  position: Text(200).nullable().optional().openapi({ example: "Head of purchasing" }),
  marketingConsent: z.boolean().optional(),
  marketingConsentAt: z.iso
    .datetime({ offset: true })
    .refine((s) => !beforeEarliest(s), fromEarliest)
    .optional()
    .openapi({
      description: "When the consent answer was given; the time of the request when absent.",
    }),
  comment: Comment,
};

const CreateContactBody = z
  .strictObject({
    id: ContactIdText.optional().openapi({
      description:
        "The contact's id in the sending system (orders name it as contactId); a new `ctc_…` id when absent. " +
        "A contact of this company with this id is changed instead.",
    }),
    ...ContactFieldsBody,
  })
  .openapi("CreateContact");

const PatchContactBody = z
  .strictObject({
    ...ContactFieldsBody,
    name: ContactFieldsBody.name.optional(),
    email: ContactFieldsBody.email.optional(),
    active: z.boolean().optional().openapi({ description: "false deactivates; true brings a contact back." }),
  })
  .openapi("PatchContact");

const Contact = z
  .object({
    id: z.string(),
    companyId: z.string(),
    name: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    role: z.enum(CONTACT_ROLES),
    circle: z.enum(CIRCLES).nullable(),
    position: z.string().nullable(),
    marketingConsent: z.boolean(),
    marketingConsentAt: z.string().nullable(),
    active: z.boolean(),
    deactivatedAt: z.string().nullable(),
    erasedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    portal: z
      .object({
        signedUp: z
          .boolean()
          .openapi({ description: "The contact accepted an invitation and set a password." }),
        invitation: z.object({ sentAt: z.string(), expiresAt: z.string() }).nullable().openapi({
          description:
            "The latest invitation not used yet (null once signed up): its link works until `expiresAt`.",
        }),
      })
      .openapi("PortalAccess"),
  })
  .openapi("Contact");

const Scrubbed = z
  .object({
    auditEntries: z.number().openapi({ description: "Earlier audit entries rewritten." }),
    storedAnswers: z.number().openapi({ description: "Stored answers of idempotent requests rewritten." }),
  })
  .openapi("Scrubbed");

const ContactQuery = z.object({
  includeInactive: z
    .enum(["true", "false"])
    .default("false")
    .openapi({ description: "Also list deactivated and erased contacts." }),
  ...PageQuery,
});

const CompanyParam = z.object({ id: CompanyIdText.openapi({ param: { name: "id", in: "path" } }) });
const ContactParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "id", in: "path" }, example: "ctc_01jb3v6c9w2x8k4m5n7p9q1r3s" }),
});

const CreateNoteBody = z
  .strictObject({ text: Text(MAX_NOTE_LENGTH).openapi({ example: "Asked for a volume discount in May." }) })
  .openapi("CreateNote");

const Note = z
  .object({
    id: z.string(),
    companyId: z.string(),
    authorId: z
      .string()
      .openapi({ description: "The console user (`usr_…`), or the key acting for no user." }),
    text: z.string(),
    createdAt: z.string(),
  })
  .openapi("Note");

const EraseBody = z.strictObject({ comment: Comment }).openapi("Erase");

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const body = <T extends z.ZodType>(schema: T, required = true) => ({
  content: { "application/json": { schema } },
  required,
});

const page = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() }).openapi(name);

const security = [{ bearer: [] }];

export function companyRoutes(deps: Deps) {
  const app = newRouter();
  const auth = authenticate(deps.db);
  const readers = requireRole(READERS);
  const writers = requireRole(WRITERS);
  const erasers = requireRole(ERASERS);

  app.openapi(
    createRoute({
      method: "post",
      path: "/companies",
      tags: ["Companies"],
      summary: "Create or change a company",
      description:
        "Creates a company (201), or changes the one with the given id (200): fields left out keep their " +
        "value, null clears one. A sales manager's new clients are their own.",
      security,
      middleware: [auth, writers] as const,
      request: { headers: MutationHeaders, body: body(CreateCompanyBody) },
      responses: {
        201: json(Company, "Created"),
        200: json(Company, "Changed"),
        ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const { id, comment, ...fields } = c.req.valid("json");
      const scope = {
        db: deps.db,
        tenantId: p.tenantId,
        status: 201 as const,
        input: { id, comment, ...fields },
      };
      const out = await withIdempotency(c, scope, async (tx) => ({
        body: await upsertCompany(
          tx,
          await companyScope(tx, p),
          id ?? null,
          fields,
          changeFrom(c, deps.now, p.keyId, comment),
        ),
      }));
      return out.created ? c.json(out.company, 201) : c.json(out.company, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/companies/{id}",
      tags: ["Companies"],
      summary: "Change a company",
      description: "Fields left out keep their value; null clears one.",
      security,
      middleware: [auth, writers] as const,
      request: { headers: MutationHeaders, params: CompanyParam, body: body(PatchCompanyBody) },
      responses: { 200: json(Company, "Changed"), ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => {
      const p = c.get("principal");
      const { id } = c.req.valid("param");
      const { comment, ...fields } = c.req.valid("json");
      const scope = {
        db: deps.db,
        tenantId: p.tenantId,
        status: 200 as const,
        input: { id, comment, ...fields },
      };
      const out = await withIdempotency(c, scope, async (tx) => ({
        body: await updateCompany(
          tx,
          await companyScope(tx, p),
          id,
          fields,
          changeFrom(c, deps.now, p.keyId, comment),
        ),
      }));
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/companies/{id}",
      tags: ["Companies"],
      summary: "A company",
      description: "With its direct subsidiaries, tier and wallet.",
      security,
      middleware: [auth, readers] as const,
      request: { params: CompanyParam },
      responses: { 200: json(CompanyDetail, "The company"), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      const p = c.get("principal");
      return c.json(await getCompany(deps.db, await companyScope(deps.db, p), c.req.valid("param").id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/companies",
      tags: ["Companies"],
      summary: "Find companies",
      description:
        "In id order, companies made by their first order included. `q` matches the start of the name, id or " +
        "tax id in any case; the other filters match exactly.",
      security,
      middleware: [auth, readers] as const,
      request: { query: CompanyQuery },
      responses: {
        200: json(page(Company, "CompanyPage"), "A page of companies"),
        ...errorResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      return c.json(await listCompanies(deps.db, await companyScope(deps.db, p), c.req.valid("query")), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/segments",
      tags: ["Companies"],
      summary: "Segments",
      description: "The distinct segments of the companies, with how many companies each has.",
      security,
      middleware: [auth, readers] as const,
      responses: {
        200: json(
          z
            .object({ data: z.array(z.object({ segment: z.string(), companies: z.number() })) })
            .openapi("Segments"),
          "The segments",
        ),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      return c.json({ data: await listSegments(deps.db, await companyScope(deps.db, p)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/companies/{id}/contacts",
      tags: ["Contacts"],
      summary: "Add or change a contact",
      description:
        "Creates a contact of the company (201), or changes the company's contact with the given id (200).",
      security,
      middleware: [auth, writers] as const,
      request: { headers: MutationHeaders, params: CompanyParam, body: body(CreateContactBody) },
      responses: {
        201: json(Contact, "Created"),
        200: json(Contact, "Changed"),
        ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const companyId = c.req.valid("param").id;
      const { id, comment, ...fields } = c.req.valid("json");
      const scope = {
        db: deps.db,
        tenantId: p.tenantId,
        status: 201 as const,
        input: { companyId, id, comment, ...fields },
      };
      const out = await withIdempotency(c, scope, async (tx) => ({
        body: await upsertContact(
          tx,
          await companyScope(tx, p),
          companyId,
          id ?? null,
          fields,
          changeFrom(c, deps.now, p.keyId, comment),
        ),
      }));
      return out.created ? c.json(out.contact, 201) : c.json(out.contact, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/companies/{id}/contacts",
      tags: ["Contacts"],
      summary: "A company's contacts",
      description: "In id order; active ones only unless includeInactive=true.",
      security,
      middleware: [auth, readers] as const,
      request: { params: CompanyParam, query: ContactQuery },
      responses: {
        200: json(page(Contact, "ContactPage"), "A page of contacts"),
        ...errorResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const q = c.req.valid("query");
      const out = await listContacts(deps.db, await companyScope(deps.db, p), c.req.valid("param").id, {
        includeInactive: q.includeInactive === "true",
        cursor: q.cursor,
        limit: q.limit,
      });
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/contacts/{id}",
      tags: ["Contacts"],
      summary: "A contact",
      security,
      middleware: [auth, readers] as const,
      request: { params: ContactParam },
      responses: { 200: json(Contact, "The contact"), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      const p = c.get("principal");
      return c.json(await getContact(deps.db, await companyScope(deps.db, p), c.req.valid("param").id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/contacts/{id}",
      tags: ["Contacts"],
      summary: "Change a contact",
      description: "Fields left out keep their value. An erased contact cannot be changed (409).",
      security,
      middleware: [auth, writers] as const,
      request: { headers: MutationHeaders, params: ContactParam, body: body(PatchContactBody) },
      responses: { 200: json(Contact, "Changed"), ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => {
      const p = c.get("principal");
      const { id } = c.req.valid("param");
      const { comment, ...fields } = c.req.valid("json");
      const scope = {
        db: deps.db,
        tenantId: p.tenantId,
        status: 200 as const,
        input: { id, comment, ...fields },
      };
      const out = await withIdempotency(c, scope, async (tx) => ({
        body: await updateContact(
          tx,
          await companyScope(tx, p),
          id,
          fields,
          changeFrom(c, deps.now, p.keyId, comment),
        ),
      }));
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/contacts/{id}",
      tags: ["Contacts"],
      summary: "Deactivate a contact",
      description:
        "The contact can no longer act in the portal; it stays, with what names it. Give the reason in X-Audit-Comment.",
      security,
      middleware: [auth, writers] as const,
      request: { headers: MutationHeaders, params: ContactParam },
      responses: {
        200: json(Contact, "The deactivated contact"),
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const { id } = c.req.valid("param");
      const scope = { db: deps.db, tenantId: p.tenantId, status: 200 as const, input: { id } };
      const out = await withIdempotency(c, scope, async (tx) => ({
        body: await updateContact(
          tx,
          await companyScope(tx, p),
          id,
          { active: false },
          changeFrom(c, deps.now, p.keyId),
        ),
      }));
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/contacts/{id}/erase",
      tags: ["Contacts"],
      summary: "Erase a contact's personal data",
      description:
        "Name, email and phone become pseudonyms and are overwritten in earlier audit entries and stored " +
        "answers; the id stays, so the ledger and orders keep their entries. Cannot be undone. Owners and admins.",
      security,
      middleware: [auth, erasers] as const,
      request: { headers: MutationHeaders, params: ContactParam, body: body(EraseBody, false) },
      responses: {
        200: json(z.object({ contact: Contact, scrubbed: Scrubbed }).openapi("ErasedContact"), "Erased"),
        ...errorResponses(400, 401, 403, 404, 415, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const { id } = c.req.valid("param");
      const { comment } = c.req.valid("json");
      const scope = { db: deps.db, tenantId: p.tenantId, status: 200 as const, input: { id, comment } };
      const out = await withIdempotency(c, scope, async (tx) => ({
        body: await eraseContact(
          tx,
          await companyScope(tx, p),
          id,
          changeFrom(c, deps.now, p.keyId, comment),
        ),
      }));
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/companies/{id}/erase",
      tags: ["Companies"],
      summary: "Erase the personal data of a company's contacts",
      description:
        "Erases every contact of the company as POST /contacts/{id}/erase does, and deletes the notes on the " +
        "company (they may name people). Owners and admins.",
      security,
      middleware: [auth, erasers] as const,
      request: { headers: MutationHeaders, params: CompanyParam, body: body(EraseBody, false) },
      responses: {
        200: json(
          z
            .object({ companyId: z.string(), erasedContacts: z.array(z.string()), scrubbed: Scrubbed })
            .openapi("ErasedCompanyContacts"),
          "Erased",
        ),
        ...errorResponses(400, 401, 403, 404, 415, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const { id } = c.req.valid("param");
      const { comment } = c.req.valid("json");
      const scope = { db: deps.db, tenantId: p.tenantId, status: 200 as const, input: { id, comment } };
      const out = await withIdempotency(c, scope, async (tx) => {
        const r = await eraseCompanyContacts(
          tx,
          await companyScope(tx, p),
          id,
          changeFrom(c, deps.now, p.keyId, comment),
        );
        return { body: { companyId: id, erasedContacts: r.erased, scrubbed: r.scrubbed } };
      });
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/companies/{id}/notes",
      tags: ["Companies"],
      summary: "Add a note on a company",
      description:
        "Staff who may change the company; a sales manager only on own clients. Notes are never changed.",
      security,
      middleware: [auth, writers] as const,
      request: { headers: MutationHeaders, params: CompanyParam, body: body(CreateNoteBody) },
      responses: {
        201: json(Note, "Added"),
        ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const companyId = c.req.valid("param").id;
      const { text } = c.req.valid("json");
      const scope = { db: deps.db, tenantId: p.tenantId, status: 201 as const, input: { companyId, text } };
      const out = await withIdempotency(c, scope, async (tx) => ({
        body: await addNote(
          tx,
          await companyScope(tx, p),
          companyId,
          p.userId ?? p.keyId,
          text,
          changeFrom(c, deps.now, p.keyId),
        ),
      }));
      return c.json(out, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/companies/{id}/notes",
      tags: ["Companies"],
      summary: "A company's notes",
      description: "Newest first.",
      security,
      middleware: [auth, readers] as const,
      request: { params: CompanyParam, query: z.object({ ...PageQuery }) },
      responses: {
        200: json(page(Note, "NotePage"), "A page of notes"),
        ...errorResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const q = c.req.valid("query");
      const out = await listNotes(deps.db, await companyScope(deps.db, p), c.req.valid("param").id, {
        cursor: q.cursor,
        limit: q.limit,
      });
      return c.json(out, 200);
    },
  );

  return app;
}
