// GET /v1/exports/{kind}: the CLI's exports over HTTP, as CSV streamed page by page (keyset paging), so that a
// tenant of any size downloads in bounded memory. Companies, contacts, orders and rewards come out in the
// formats their imports read.
import { createRoute, z } from "@hono/zod-openapi";
import { type Deps, newRouter } from "../../http/context.ts";
import { errorResponses } from "../../http/errors.ts";
import { authenticate, requireRole } from "../tenants/auth.ts";
import type { Role } from "../tenants/roles.ts";
import { CONTACT_EXPORT_COLUMNS, contactRows } from "./contacts.ts";
import {
  COMPANY_EXPORT_COLUMNS,
  companyRows,
  LEDGER_EXPORT_COLUMNS,
  ledgerRows,
  ORDER_EXPORT_COLUMNS,
  orderRows,
  REWARD_EXPORT_COLUMNS,
  rewardRows,
  WALLET_EXPORT_COLUMNS,
  walletRows,
} from "./export.ts";

/** Who may export a tenant's data: those who run the program, and finance, who reconciles it. */
const EXPORTERS: readonly Role[] = ["owner", "admin", "program_manager", "finance"];

export const EXPORT_KINDS = {
  companies: { columns: COMPANY_EXPORT_COLUMNS, rows: companyRows },
  contacts: { columns: CONTACT_EXPORT_COLUMNS, rows: contactRows },
  orders: { columns: ORDER_EXPORT_COLUMNS, rows: orderRows },
  ledger: { columns: LEDGER_EXPORT_COLUMNS, rows: ledgerRows },
  rewards: { columns: REWARD_EXPORT_COLUMNS, rows: rewardRows },
  wallets: { columns: WALLET_EXPORT_COLUMNS, rows: walletRows },
} as const;

export type ExportKind = keyof typeof EXPORT_KINDS;

const KIND_NAMES = Object.keys(EXPORT_KINDS) as [ExportKind, ...ExportKind[]];

/** A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
export function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Lines sent per chunk of the response. */
const CHUNK_LINES = 500;

/** The file as a stream: the header line, then the rows, read from the database only as the client reads. */
export function csvStream(
  columns: readonly string[],
  rows: AsyncGenerator<string[]>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let header = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const lines: string[] = header ? [`${columns.join(",")}\n`] : [];
      header = false;
      while (lines.length < CHUNK_LINES) {
        const next = await rows.next();
        if (next.done) {
          if (lines.length > 0) controller.enqueue(encoder.encode(lines.join("")));
          controller.close();
          return;
        }
        lines.push(`${next.value.map(csvCell).join(",")}\n`);
      }
      controller.enqueue(encoder.encode(lines.join("")));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
}

export function exportRoutes(deps: Deps) {
  const app = newRouter();
  const auth = authenticate(deps.db);

  app.openapi(
    createRoute({
      method: "get",
      path: "/exports/{kind}",
      tags: ["Exports"],
      summary: "Export a kind of the tenant's data as CSV",
      description:
        "Streamed page by page. `companies`, `contacts` and `orders` in the formats `patron import` reads; " +
        "`ledger`: every posting with its transaction; `rewards`: the catalog, lists separated by `|`, as " +
        "`POST /v1/rewards/import` and `patron import rewards` read it; `wallets`: each company's available, " +
        "pending and held points, debt, tier, next expiry and every expiry as `date:points`.",
      security: [{ bearer: [] }],
      middleware: [auth, requireRole(EXPORTERS)] as const,
      request: { params: z.object({ kind: z.enum(KIND_NAMES) }) },
      responses: {
        200: { description: "The file", content: { "text/csv": { schema: z.string() } } },
        ...errorResponses(401, 403, 422),
      },
    }),
    (c) => {
      const { tenantId } = c.get("principal");
      const { kind } = c.req.valid("param");
      const { columns, rows } = EXPORT_KINDS[kind];
      const read = kind === "wallets" ? walletRows(deps.db, tenantId, deps.now()) : rows(deps.db, tenantId);
      return c.body(csvStream(columns, read), 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${kind}.csv"`,
      });
    },
  );

  return app;
}
