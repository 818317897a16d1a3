// The day's tier job of a tenant, run after maturation and expiry and before that day's events, as the replay
// does: levels set on the program's setting days, re-read daily where a rolling window changed, drops held
// back by a grace period, and a level lost to inactivity. The windows come from member_days; the engine's
// tier functions decide the levels. Levels pooled by a holding (`pool: parent`) are read from the window of the
// whole group (every company under the same top parent, as the replay's qualifier), and its last order.
import {
  type CompiledProgram,
  type CompiledTiers,
  type Day,
  formatDay,
  isSettingDay,
  levelBelow,
  levelFor,
  levelIndex,
  parseDay,
  qualifyingWindow,
} from "@patron/engine";
import { type Param, type Queryable, withSettings } from "../db/db.ts";
import { newId, newIdPrefix } from "../ids.ts";
import { programAt, publishedPrograms } from "../modules/programs/service.ts";

/** Members read and decided per statement batch. */
const TIER_BATCH = 5000;
/** The working memory of a setting day's evaluation in one statement (see evaluateAllAtOnce). */
const TIER_WORK_MEM = "128MB";
/** How many repeated inactivity drops are looked for (a member at the lowest level drops no further). */
const INACTIVITY_STEPS = 400;

export interface TierJobResult {
  /** Members whose level was read from their window. */
  evaluated: number;
  /** Level changes written (evaluations, ended grace periods and inactivity drops). */
  changed: number;
  /** Drops a grace period now holds back. */
  held: number;
}

export type TierChangeReason = "evaluation" | "graceEnded" | "inactivity";

interface Candidate {
  id: string;
  /** The stored level; null is the program's initial level. */
  tier: string | null;
  amount: number;
  dropDueOn: string | null;
  /** When its evaluation was scheduled (see `scheduledKey`); 0 on a setting day. */
  scheduledKey: number;
}

/** What one evaluation does to a member: nothing, a change, or a drop held back until `dueOn`. */
export type TierDecision =
  | { kind: "keep"; clearDrop: boolean }
  | { kind: "change"; to: string; reason: TierChangeReason }
  | { kind: "hold"; to: string; dueOn: Day };

/**
 * One evaluation of a member's level on `day` from its window's amount, as the replay's: a level up (or any
 * level without grace) applies at once; a drop waits `graceDays`, then takes the level the window gives then.
 */
export function decideTier(
  t: CompiledTiers,
  current: string,
  amount: number,
  drop: { dueOn: Day } | null,
  day: Day,
): TierDecision {
  const target = levelFor(t, amount);
  const cur = levelIndex(t, current);
  if (levelIndex(t, target) >= cur || t.graceDays === 0 || cur < 0) {
    return target === current ? { kind: "keep", clearDrop: drop !== null } : change(target, "evaluation");
  }
  if (drop && drop.dueOn <= day) return change(target, "graceEnded");
  if (drop) return { kind: "keep", clearDrop: false };
  return { kind: "hold", to: target, dueOn: day + t.graceDays };
}

const change = (to: string, reason: TierChangeReason): TierDecision => ({ kind: "change", to, reason });

/** Re-evaluates the tenant's members for `day`, inside the caller's transaction. */
export async function reevaluateTiers(tx: Queryable, tenantId: string, day: Day): Promise<TierJobResult> {
  const result: TierJobResult = { evaluated: 0, changed: 0, held: 0 };
  const p = programAt(await publishedPrograms(tx, tenantId), day);
  const t = p?.tiers;
  if (!p || !t) return result;
  const setting = isSettingDay(t, day);
  // Inactivity drops are not made on a setting day, whose evaluation stands.
  const inactive = !setting && t.inactivityDays !== null ? await inactiveOn(tx, tenantId, t, day) : new Map();
  await evaluateWindows(tx, tenantId, p, t, day, setting, inactive, result);
  await dropInactive(tx, tenantId, p, t, day, [...inactive.keys()], result);
  return result;
}

/*
 * Order within a day. The replay keeps each day's work in the order it was scheduled, and a member may be due
 * both an evaluation and an inactivity drop on one day; the one scheduled first runs first. Both are given a
 * key: the day it was scheduled × 4, + 1 when scheduled by the day's jobs, + 2 when by an event; on a tie the
 * evaluation runs first (an order schedules its tier work before its inactivity check).
 */
const JOBS_PHASE = 1;
const EVENTS_PHASE = 2;
const scheduledKey = (day: Day, phase: number) => day * 4 + phase;

/**
 * Members whose last order falls due for an inactivity drop today (`inactivityDays` after it, then every
 * `repeatDays`), with the key of when the drop was scheduled.
 */
async function inactiveOn(
  tx: Queryable,
  tenantId: string,
  t: CompiledTiers,
  day: Day,
): Promise<Map<string, number>> {
  const first = t.inactivityDays ?? 0;
  const every = t.repeatDays ?? first;
  const lastDays: string[] = [];
  for (let k = 0; k < INACTIVITY_STEPS; k++) lastDays.push(formatDay(day - first - k * every));
  // Pooled, a group's last order is the last of any of its companies, and the whole group drops.
  const r = await tx.query<{ id: string; last_order_on: string }>(
    t.pool === "parent"
      ? `WITH RECURSIVE ${ROOTS},
         last AS (SELECT r.root, max(m.last_order_on) AS on_day FROM roots r
                  JOIN members m ON m.tenant_id = $1 AND m.id = r.id GROUP BY r.root)
         SELECT r.id, l.on_day::text AS last_order_on FROM roots r JOIN last l ON l.root = r.root
         WHERE l.on_day = ANY($2::date[])`
      : "SELECT id, last_order_on::text FROM members WHERE tenant_id = $1 AND last_order_on = ANY($2::date[])",
    [tenantId, `{${lastDays.join(",")}}`],
  );
  const out = new Map<string, number>();
  for (const m of r.rows) {
    const last = parseDay(m.last_order_on) as Day;
    // The first drop was scheduled by the order itself; each repeat by the drop before it.
    const key =
      day - last === first ? scheduledKey(last, EVENTS_PHASE) : scheduledKey(day - every, JOBS_PHASE);
    out.set(m.id, key);
  }
  return out;
}

/**
 * Reads the window of every member due an evaluation: all of them on a setting day; on other days those whose
 * rolling window gained or lost a day (daily evaluation) and those whose held-back drop is due. A member whose
 * inactivity drop was scheduled before its evaluation drops first (and leaves `inactive`).
 */
async function evaluateWindows(
  tx: Queryable,
  tenantId: string,
  p: CompiledProgram,
  t: CompiledTiers,
  day: Day,
  setting: boolean,
  inactive: Map<string, number>,
  result: TierJobResult,
): Promise<void> {
  const { from, to } = qualifyingWindow(t, day);
  const column = t.metric === "netPurchases" ? "net_minor" : "points";
  if (setting) {
    await evaluateAll(tx, tenantId, p, t, day, column, from, to, inactive, result);
    return;
  }
  // A day enters a rolling window the day after it, and leaves it rollingDays + 1 days after it.
  const changedDays =
    t.evaluation === "daily" && "rollingDays" in t.window ? [day - t.window.rollingDays - 1, day - 1] : [];
  // The members due: those with a purchase on a day that entered or left the window, and those whose held
  // drop is due; found from those days' rows and the drops, not by visiting every member.
  // Pooled, a purchase touches every company of its group, and each reads the group's window.
  const pooled = t.pool === "parent";
  const touched = pooled
    ? `${ROOTS}, own_touched AS (
         SELECT member_id, min(day) AS touched_on FROM member_days
         WHERE tenant_id = $1 AND day = ANY($5::date[]) GROUP BY member_id
       ), group_touched AS (
         SELECT r.root, min(o.touched_on) AS touched_on FROM own_touched o JOIN roots r ON r.id = o.member_id
         GROUP BY r.root
       ), touched AS (
         SELECT r.id AS member_id, g.touched_on FROM roots r JOIN group_touched g ON g.root = r.root
       ), ${windowSums(column, true)}`
    : `touched AS (
         SELECT member_id, min(day) AS touched_on FROM member_days
         WHERE tenant_id = $1 AND day = ANY($5::date[]) GROUP BY member_id
       )`;
  const amount = pooled
    ? "LEFT JOIN w ON w.member_id = m.id"
    : `LEFT JOIN LATERAL (
       SELECT sum(${column}) AS amount FROM member_days
       WHERE tenant_id = m.tenant_id AND member_id = m.id AND day BETWEEN $2 AND $3
     ) w ON true`;
  const batch = await tx.query<Row>(
    `WITH RECURSIVE ${touched}, due AS (
       SELECT member_id FROM touched
       UNION SELECT member_id FROM tier_drops WHERE tenant_id = $1 AND due_on <= $4
     )
     SELECT m.id, m.tier, COALESCE(w.amount, 0)::text AS amount, d.held_on::text, d.due_on::text,
       t.touched_on::text
     FROM due JOIN members m ON m.tenant_id = $1 AND m.id = due.member_id
     LEFT JOIN touched t ON t.member_id = m.id
     LEFT JOIN tier_drops d ON d.tenant_id = m.tenant_id AND d.member_id = m.id
     ${amount}
     ORDER BY m.id`,
    [tenantId, formatDay(from), formatDay(to), formatDay(day), `{${changedDays.map(formatDay).join(",")}}`],
  );
  for (let i = 0; i < batch.rows.length; i += TIER_BATCH) {
    const rows = batch.rows.slice(i, i + TIER_BATCH);
    await applyEvaluations(tx, tenantId, p, t, day, rows.map(candidateOf(day)), inactive, result);
  }
  result.evaluated += batch.rows.length;
}

interface Row {
  id: string;
  tier: string | null;
  amount: string;
  held_on: string | null;
  due_on: string | null;
  touched_on: string | null;
}

const candidateOf =
  (day: Day) =>
  (r: Row): Candidate => {
    const keys: number[] = [];
    if (r.touched_on) keys.push(scheduledKey(parseDay(r.touched_on) as Day, EVENTS_PHASE));
    if (r.held_on && r.due_on && (parseDay(r.due_on) as Day) <= day)
      keys.push(scheduledKey(parseDay(r.held_on) as Day, JOBS_PHASE));
    return {
      id: r.id,
      tier: r.tier,
      amount: Number(r.amount),
      dropDueOn: r.due_on,
      scheduledKey: keys.length > 0 ? Math.min(...keys) : 0,
    };
  };

/**
 * A setting day: every member is evaluated, as one aggregate scan of the window's days joined to the members.
 * The level each window gives is computed in the statement, so only members whose level would change, who
 * have a held drop, or who are due an inactivity drop come back to be decided; the others keep theirs.
 */
async function evaluateAll(
  tx: Queryable,
  tenantId: string,
  p: CompiledProgram,
  t: CompiledTiers,
  day: Day,
  column: string,
  from: Day,
  to: Day,
  inactive: Map<string, number>,
  result: TierJobResult,
): Promise<void> {
  const params: Param[] = [
    tenantId,
    formatDay(from),
    formatDay(to),
    t.initial,
    textArray([...inactive.keys()]),
  ];
  const level = levelSql(t, (v) => {
    params.push(v);
    return `$${params.length}`;
  });
  // Without grace periods, inactivity drops due or drops held, every member whose window gives another level
  // takes it, as an evaluation: decided and written in the statement that reads the windows (which counts the
  // members as it reads them).
  if (t.graceDays === 0 && inactive.size === 0 && !(await holdsDrops(tx, tenantId))) {
    const r = await evaluateAllAtOnce(tx, tenantId, t, day, column, from, to);
    result.evaluated += r.evaluated;
    result.changed += r.changed;
    return;
  }
  const n = await tx.query<{ n: string }>("SELECT count(*)::text AS n FROM members WHERE tenant_id = $1", [
    tenantId,
  ]);
  result.evaluated += Number(n.rows[0]?.n ?? 0);
  const rows = await tx.query<Row>(
    `WITH RECURSIVE ${t.pool === "parent" ? `${ROOTS}, ` : ""}${windowSums(column, t.pool === "parent")}
     SELECT m.id, m.tier, COALESCE(w.amount, 0)::text AS amount, d.held_on::text, d.due_on::text,
       NULL AS touched_on
     FROM members m
     LEFT JOIN (SELECT member_id, COALESCE(amount, 0) AS amount FROM w) w ON w.member_id = m.id
     LEFT JOIN tier_drops d ON d.tenant_id = m.tenant_id AND d.member_id = m.id
     WHERE m.tenant_id = $1 AND (d.member_id IS NOT NULL OR m.id = ANY($5::text[])
       OR (${level.replaceAll("w.amount", "COALESCE(w.amount, 0)")}) IS DISTINCT FROM COALESCE(m.tier, $4))
     ORDER BY m.id`,
    params,
  );
  for (let i = 0; i < rows.rows.length; i += TIER_BATCH) {
    const batch = rows.rows.slice(i, i + TIER_BATCH);
    await applyEvaluations(tx, tenantId, p, t, day, batch.map(candidateOf(day)), inactive, result);
  }
}

async function holdsDrops(tx: Queryable, tenantId: string): Promise<boolean> {
  const r = await tx.query<{ held: boolean }>(
    "SELECT EXISTS (SELECT 1 FROM tier_drops WHERE tenant_id = $1) AS held",
    [tenantId],
  );
  return r.rows[0]?.held === true;
}

/**
 * levelFor in SQL over `w.amount`: the last level (in the program's order) whose threshold it reaches, else the
 * first. Amounts are whole minor units or points, so a threshold is compared as the whole number it rounds up
 * to, a bigint: no conversion to numeric per member and level.
 */
function levelSql(t: CompiledTiers, param: (v: Param) => string): string {
  let level = param((t.levels[0] as CompiledTiers["levels"][number]).id);
  for (const l of t.levels)
    level = `CASE WHEN w.amount >= ${param(Math.ceil(l.from))}::bigint THEN ${param(l.id)}::text ELSE ${level} END`;
  return level;
}

/**
 * A setting day's evaluation as one statement (see evaluateAll): the members whose level changes, their new
 * levels and start days (`on`), and the changes with their levels' benefits, in member id order (their ids in
 * that order, as writeChanges gives them); each change is its own `tier.changed` message (migration 0049).
 * Returns the members read and the changes written.
 */
async function evaluateAllAtOnce(
  tx: Queryable,
  tenantId: string,
  t: CompiledTiers,
  on: Day,
  column: string,
  from: Day,
  to: Day,
): Promise<{ evaluated: number; changed: number }> {
  const params: Param[] = [tenantId, formatDay(from), formatDay(to), t.initial];
  const param = (v: Param) => {
    params.push(v);
    return `$${params.length}`;
  };
  const level = levelSql(t, param);
  // The level of a member without purchases in the window; a member keeps it unless its window gives another.
  const none = param(levelFor(t, 0));
  const day = param(formatDay(on));
  const levels = param(textArray(t.levels.map((l) => l.id)));
  const benefits = param(textArray(t.levels.map((l) => JSON.stringify(l.benefits))));
  const changeIds = param(newIdPrefix("tch"));
  // The changes are held in memory rather than spilled to temporary files (a tenth of a million members is about
  // 20 MB). Each change is recorded for a member read and updated by this same statement, so the changes' member
  // check is skipped (migration 0043).
  const settings = { work_mem: TIER_WORK_MEM, "patron.member_rows_read_from_members": "on" };
  const r = await withSettings(tx, settings, () =>
    tx.query<{ changed: string; evaluated: string }>(
      // Two small sets are joined rather than every member to every window: the windows that give a level
      // other than `none` (in a pyramid of levels, the few), and the members whose level is not `none` (read by
      // one pass over the members, without hashing them all, which also counts them). A member in neither
      // keeps `none`; a member only in the windows is at `none` now (every window's member is a member).
      // Hashing every member to join them took about a sixth of the statement at a million members.
      `WITH RECURSIVE ${t.pool === "parent" ? `${ROOTS}, ` : ""}${windowSums(column, t.pool === "parent")},
     other AS (
       SELECT w.member_id, l.to_tier FROM w
       CROSS JOIN LATERAL (SELECT (${level.replaceAll("w.amount", "COALESCE(w.amount, 0)")}) AS to_tier) l
       WHERE l.to_tier <> ${none}
     ), members_read AS (
       SELECT count(*) AS n, array_agg(id) FILTER (WHERE COALESCE(tier, $4) IS DISTINCT FROM ${none}) AS ids,
         array_agg(COALESCE(tier, $4)) FILTER (WHERE COALESCE(tier, $4) IS DISTINCT FROM ${none}) AS tiers
       FROM members WHERE tenant_id = $1
     ), leveled AS (
       SELECT u.id, u.tier FROM members_read r, unnest(r.ids, r.tiers) AS u(id, tier)
     ), x AS MATERIALIZED (
       SELECT j.id, j.from_tier, j.to_tier, row_number() OVER (ORDER BY j.id) - 1 AS n
       FROM (
         SELECT COALESCE(m.id, o.member_id) AS id, COALESCE(m.tier, ${none}) AS from_tier,
           COALESCE(o.to_tier, ${none}) AS to_tier
         FROM leveled m FULL JOIN other o ON o.member_id = m.id
       ) j
       WHERE j.to_tier IS DISTINCT FROM j.from_tier
     ), moved AS (
       UPDATE members m SET tier = x.to_tier, tier_since = ${day}::date FROM x
       WHERE m.tenant_id = $1 AND m.id = x.id AND m.id = ANY (ARRAY(SELECT id FROM x))
     ), recorded AS (
       INSERT INTO tier_changes (tenant_id, id, member_id, day, from_tier, to_tier, reason, benefits)
       SELECT $1, ${changeIds} || lpad(x.n::text, 7, '0'), x.id, ${day}::date, x.from_tier, x.to_tier, 'evaluation',
         COALESCE(b.benefits, '[]')::jsonb
       FROM x LEFT JOIN unnest(${levels}::text[], ${benefits}::text[]) AS b(level, benefits) ON b.level = x.to_tier
     )
     SELECT (SELECT count(*) FROM x)::text AS changed, (SELECT n FROM members_read)::text AS evaluated`,
      params,
    ),
  );
  return { evaluated: Number(r.rows[0]?.evaluated ?? 0), changed: Number(r.rows[0]?.changed ?? 0) };
}

async function applyEvaluations(
  tx: Queryable,
  tenantId: string,
  p: CompiledProgram,
  t: CompiledTiers,
  day: Day,
  candidates: readonly Candidate[],
  inactive: Map<string, number>,
  result: TierJobResult,
): Promise<void> {
  const changes: Change[] = [];
  const clear: string[] = [];
  const holds: { id: string; to: string; dueOn: Day }[] = [];
  for (const c of candidates) {
    let current = c.tier ?? t.initial;
    const inactiveKey = inactive.get(c.id);
    if (inactiveKey !== undefined && inactiveKey < c.scheduledKey) {
      inactive.delete(c.id);
      const below = levelBelow(t, current);
      if (below !== current) changes.push({ id: c.id, from: current, to: below, reason: "inactivity" });
      current = below;
    }
    const drop = c.dropDueOn === null ? null : { dueOn: parseDay(c.dropDueOn) as Day };
    const d = decideTier(t, current, c.amount, drop, day);
    if (d.kind === "change") {
      changes.push({ id: c.id, from: current, to: d.to, reason: d.reason });
      if (drop) clear.push(c.id);
    } else if (d.kind === "hold") {
      holds.push({ id: c.id, to: d.to, dueOn: d.dueOn });
    } else if (d.clearDrop) {
      clear.push(c.id);
    }
  }
  if (clear.length > 0) {
    await tx.query("DELETE FROM tier_drops WHERE tenant_id = $1 AND member_id = ANY($2::text[])", [
      tenantId,
      textArray(clear),
    ]);
  }
  if (holds.length > 0) {
    await tx.query(
      `INSERT INTO tier_drops (tenant_id, member_id, held_on, due_on, to_tier)
       SELECT $1, x.id, $2, x.due_on::date, x.tier FROM unnest($3::text[], $4::text[], $5::text[]) AS x(id, due_on, tier)`,
      [
        tenantId,
        formatDay(day),
        textArray(holds.map((h) => h.id)),
        textArray(holds.map((h) => formatDay(h.dueOn))),
        textArray(holds.map((h) => h.to)),
      ],
    );
    result.held += holds.length;
  }
  await writeChanges(tx, tenantId, p, day, changes);
  result.changed += changes.length;
}

/** Drops each of `ids` one level from the level it holds now (after the day's evaluations). */
async function dropInactive(
  tx: Queryable,
  tenantId: string,
  p: CompiledProgram,
  t: CompiledTiers,
  day: Day,
  ids: readonly string[],
  result: TierJobResult,
): Promise<void> {
  for (let i = 0; i < ids.length; i += TIER_BATCH) {
    const batch = await tx.query<{ id: string; tier: string | null }>(
      "SELECT id, tier FROM members WHERE tenant_id = $1 AND id = ANY($2::text[]) ORDER BY id",
      [tenantId, textArray(ids.slice(i, i + TIER_BATCH))],
    );
    const changes: Change[] = [];
    for (const m of batch.rows) {
      const current = m.tier ?? t.initial;
      const to = levelBelow(t, current);
      if (to !== current) changes.push({ id: m.id, from: current, to, reason: "inactivity" });
    }
    await writeChanges(tx, tenantId, p, day, changes);
    result.changed += changes.length;
  }
}

interface Change {
  id: string;
  from: string;
  to: string;
  reason: TierChangeReason;
}

/**
 * Sets the new levels and records each change with the benefits its level grants (each change is its own
 * `tier.changed` message), in one statement: the members' rows and the changes from the same arrays, sent once.
 */
async function writeChanges(
  tx: Queryable,
  tenantId: string,
  p: CompiledProgram,
  day: Day,
  changes: readonly Change[],
): Promise<void> {
  if (changes.length === 0) return;
  const benefits = (to: string) => JSON.stringify(p.tiers?.levels.find((l) => l.id === to)?.benefits ?? []);
  // A member may change twice in a day (an inactivity drop, then an evaluation): the last change stands.
  const final = new Map(changes.map((c) => [c.id, c.to]));
  const params: Param[] = [
    tenantId,
    formatDay(day),
    textArray(changes.map(() => newId("tch"))),
    textArray(changes.map((c) => c.id)),
    textArray(changes.map((c) => c.from)),
    textArray(changes.map((c) => c.to)),
    textArray(changes.map((c) => c.reason)),
    textArray(changes.map((c) => benefits(c.to))),
  ];
  // The members moving to each level, set by one update per level that names them as an array: each row is
  // found by its key (a join to the changes' arrays had the planner read every member of the tenant instead,
  // once per batch).
  const byLevel = new Map<string, string[]>();
  for (const [id, to] of final) {
    const ids = byLevel.get(to) ?? [];
    ids.push(id);
    byLevel.set(to, ids);
  }
  const levels = [...byLevel].map(([to, ids], i) => {
    params.push(to, textArray(ids));
    return `level_${i} AS (
       UPDATE members SET tier = $${params.length - 1}, tier_since = $2
       WHERE tenant_id = $1 AND id = ANY($${params.length}::text[])
     )`;
  });
  await tx.query(
    `WITH x AS (
       SELECT * FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
         WITH ORDINALITY AS x(cid, id, from_tier, to_tier, reason, benefits, n)
     ), ${levels.join(", ")}
     INSERT INTO tier_changes (tenant_id, id, member_id, day, from_tier, to_tier, reason, benefits)
     SELECT $1, cid, id, $2, from_tier, to_tier, reason, benefits::jsonb FROM x ORDER BY n`,
    params,
  );
}

/**
 * `roots`: each member of tenant $1 and the top of its hierarchy, as the replay finds it (parent by parent, at
 * most 32 steps; a parent that is no member, or a member that is its own parent, ends the climb).
 */
const ROOTS = `chain AS (
       SELECT id, id AS cur, 0 AS hops FROM members WHERE tenant_id = $1
       UNION ALL
       SELECT c.id, p.parent_id, c.hops + 1 FROM chain c JOIN members p ON p.tenant_id = $1 AND p.id = c.cur
       WHERE p.parent_id IS NOT NULL AND p.parent_id <> p.id AND c.hops < 32
     ), roots AS (SELECT DISTINCT ON (id) id, cur AS root FROM chain ORDER BY id, hops DESC)`;

/**
 * `w`: each member's amount in the window $2..$3, its own or (pooled, after ROOTS) its whole group's; members
 * with nothing in the window are absent.
 */
function windowSums(column: string, pooled: boolean): string {
  const own = `SELECT member_id, bigint_total(${column}) AS amount FROM member_days
       WHERE tenant_id = $1 AND day BETWEEN $2 AND $3 GROUP BY member_id`;
  if (!pooled) return `w AS (${own})`;
  return `own_w AS (${own}), group_w AS (
       SELECT r.root, sum(o.amount) AS amount FROM own_w o JOIN roots r ON r.id = o.member_id GROUP BY r.root
     ), w AS (SELECT r.id AS member_id, g.amount FROM roots r JOIN group_w g ON g.root = r.root)`;
}

/** A PostgreSQL array literal of text values (both drivers take it for a `text[]` parameter). */
export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}
