// The reward catalog from a CSV file, in the columns `GET /v1/exports/rewards` writes (lists separated by `|`):
// a line with a reward_id changes that reward, a line without one adds a reward. All or nothing: every line is
// checked first, and the first problem is refused naming its line and column (`line 3, price_points`).

import type { Queryable } from "../../db/db.ts";
import { ApiError } from "../../http/errors.ts";
import { CONTACT_ROLES, type ContactRole } from "../companies/contacts.ts";
import { REWARD_EXPORT_COLUMNS } from "../imports/export.ts";
import { pgArray } from "../ledger/service.ts";
import {
  createReward,
  noLevels,
  REWARD_KINDS,
  type Reward,
  type RewardInput,
  type RewardKind,
  unknownLevels,
  updateReward,
} from "./service.ts";

/** The most lines one file may carry. */
export const MAX_REWARD_IMPORT_LINES = 5000;

const REQUIRED = ["name", "kind", "price_points"] as const;
const MAX_POINTS = 1_000_000_000;

/** A parsed line: its fields and the physical line (1-based) it starts on. */
interface Record_ {
  line: number;
  fields: string[];
}

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. */
export function csvRecords(text: string): Record_[] {
  const out: Record_[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let any = false;
  for (; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
      any = true;
    } else if (ch === ",") {
      fields.push(field);
      field = "";
      any = true;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      fields.push(field);
      if (any || field !== "") out.push({ line: start, fields });
      fields = [];
      field = "";
      any = false;
      line++;
      start = line;
    } else {
      field += ch;
      any = true;
    }
  }
  if (quoted) throw new ApiError("validation_failed", `line ${start}: a quoted field is not closed`, "csv");
  if (any || field !== "") {
    fields.push(field);
    out.push({ line: start, fields });
  }
  return out;
}

export interface RewardImportResult {
  created: number;
  updated: number;
  rewards: Reward[];
}

/** Reads and checks the whole file, then writes it; throws on the first bad line, writing nothing. */
export async function importRewards(
  tx: Queryable,
  tenantId: string,
  csv: string,
  now: Date,
): Promise<RewardImportResult> {
  const records = csvRecords(csv);
  const head = records[0];
  if (!head) throw new ApiError("validation_failed", "the file is empty", "csv");
  const header = head.fields.map((h) => h.trim().toLowerCase());
  const known = new Set<string>(REWARD_EXPORT_COLUMNS);
  for (const h of header)
    if (!known.has(h))
      throw new ApiError(
        "validation_failed",
        `line 1: unknown column ${JSON.stringify(h)} (the columns are ${REWARD_EXPORT_COLUMNS.join(", ")})`,
        "csv",
      );
  for (const r of REQUIRED)
    if (!header.includes(r))
      throw new ApiError("validation_failed", `line 1: the column ${r} is missing`, "csv");
  if (new Set(header).size !== header.length)
    throw new ApiError("validation_failed", "line 1: a column is named twice", "csv");
  const rows = records.slice(1);
  if (rows.length === 0) throw new ApiError("validation_failed", "the file has no rewards", "csv");
  if (rows.length > MAX_REWARD_IMPORT_LINES)
    throw new ApiError("validation_failed", `at most ${MAX_REWARD_IMPORT_LINES} rewards a file`, "csv");

  const parsed: { line: number; id: string | null; input: RewardInput }[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of rows) {
    const bad = (column: string, message: string): never => {
      throw new ApiError("validation_failed", `line ${line}, ${column}: ${message}`, "csv");
    };
    if (fields.length !== header.length)
      bad("line", `${fields.length} fields where the header has ${header.length}`);
    const cell = (name: string): string | null => {
      const k = header.indexOf(name);
      return k < 0 ? null : (fields[k] as string).trim();
    };
    const yesNo = (name: string): boolean | undefined => {
      const v = cell(name)?.toLowerCase() ?? "";
      if (v === "") return undefined;
      if (v === "true" || v === "yes" || v === "1") return true;
      if (v === "false" || v === "no" || v === "0") return false;
      return bad(name, `${JSON.stringify(v)} is not true or false`);
    };
    const whole = (name: string, min: number): number | null => {
      const v = cell(name) ?? "";
      if (v === "") return null;
      if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > MAX_POINTS)
        return bad(name, `${JSON.stringify(v)} is not a whole number from ${min} to ${MAX_POINTS}`);
      return Number(v);
    };
    const list = (name: string): string[] | undefined => {
      const v = cell(name) ?? "";
      if (v === "") return cell(name) === null ? undefined : [];
      return v.split("|").map((x) => x.trim());
    };

    const id = cell("reward_id") || null;
    if (id !== null) {
      const first = seen.get(id);
      if (first !== undefined) bad("reward_id", `${id} is also on line ${first}`);
      seen.set(id, line);
    }
    const name = cell("name") ?? "";
    if (name === "") bad("name", "is empty");
    if (name.length > 200) bad("name", "is longer than 200 characters");
    const description = cell("description") ?? undefined;
    if (description !== undefined && description.length > 4000)
      bad("description", "is longer than 4000 characters");
    const kind = cell("kind") ?? "";
    if (!(REWARD_KINDS as readonly string[]).includes(kind))
      bad("kind", `${JSON.stringify(kind)} is not one of ${REWARD_KINDS.join(", ")}`);
    const pricePoints = whole("price_points", 1);
    if (pricePoints === null) bad("price_points", "is empty");
    const stock = header.includes("stock") ? whole("stock", 0) : undefined;
    const imageUrl = cell("image_url");
    if (imageUrl && (imageUrl.length > 2000 || !/^https?:\/\/\S+$/.test(imageUrl)))
      bad("image_url", `${JSON.stringify(imageUrl)} is not an http or https address`);
    const tiers = list("tiers");
    if (tiers?.some((x) => x === "" || x.length > 100)) bad("tiers", "has an empty or overlong tier");
    if (tiers && tiers.length > 50) bad("tiers", "names more than 50 tiers");
    const roles = list("roles");
    for (const r of roles ?? [])
      if (!(CONTACT_ROLES as readonly string[]).includes(r))
        bad("roles", `${JSON.stringify(r)} is not one of ${CONTACT_ROLES.join(", ")}`);
    parsed.push({
      line,
      id,
      input: {
        name,
        ...(description === undefined ? {} : { description }),
        kind: kind as RewardKind,
        pricePoints: pricePoints as number,
        ...(stock === undefined ? {} : { stock }),
        ...(imageUrl === null ? {} : { imageUrl: imageUrl === "" ? null : imageUrl }),
        ...(tiers === undefined ? {} : { tiers }),
        ...(roles === undefined ? {} : { roles: roles as ContactRole[] }),
        companyApproval: yesNo("company_approval"),
        ownerApproval: yesNo("owner_approval"),
        active: yesNo("active"),
      },
    });
  }

  // The levels named must be the program's.
  const named = [...new Set(parsed.flatMap((p) => p.input.tiers ?? []))];
  const unknown = new Set(await unknownLevels(tx, tenantId, named));
  for (const p of parsed) {
    const missing = (p.input.tiers ?? []).filter((t) => unknown.has(t));
    if (missing.length > 0)
      throw new ApiError("validation_failed", `line ${p.line}, tiers: ${noLevels(missing)}`, "csv");
  }

  // The rewards named must be the tenant's: checked for every line before anything is written.
  const ids = parsed.flatMap((p) => (p.id === null ? [] : [p.id]));
  if (ids.length > 0) {
    const r = await tx.query<{ id: string }>(
      `SELECT id FROM rewards WHERE tenant_id = $1 AND id = ANY($2::text[]) FOR UPDATE`,
      [tenantId, pgArray(ids)],
    );
    const found = new Set(r.rows.map((x) => x.id));
    for (const p of parsed)
      if (p.id !== null && !found.has(p.id))
        throw new ApiError("validation_failed", `line ${p.line}, reward_id: no reward ${p.id}`, "csv");
  }

  let created = 0;
  let updated = 0;
  const rewards: Reward[] = [];
  for (const p of parsed) {
    if (p.id === null) {
      rewards.push(await createReward(tx, tenantId, p.input, now));
      created++;
    } else {
      rewards.push((await updateReward(tx, tenantId, p.id, p.input, now)).after);
      updated++;
    }
  }
  return { created, updated, rewards };
}
