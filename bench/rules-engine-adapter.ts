// The same program, decided by json-rules-engine: a fair adapter for the benchmark's baseline.
//
// Every condition of the program is translated once into json-rules-engine rules (the same facts, operators and
// values, in the same units); two engines are built once and reused:
// - the order engine runs once per order with the order's and member's facts as plain values, and decides the
//   tier rate, the order step, the promo codes, the codes that earn nothing and the order-level earning rules;
// - the line engine runs once per line with the line's facts (plus the order facts its rules read), and decides
//   which line-level earning rules, line discounts and volume-band rules apply to the line.
// The adapter then does exactly the arithmetic Patron's engine does with those decisions (same rounding, same
// largest-remainder split, same exclusive/priority semantics), so the points and discounts can be compared
// order by order. It supports the mechanics the benchmark program uses and throws on anything else.

import { Engine, type RuleProperties } from "json-rules-engine";
import {
  bigDivHalfUp,
  bigFloorDiv,
  type CompiledDiscount,
  type CompiledProgram,
  type ConditionT,
  civilFromDay,
  type Day,
  type Fact,
  floorDiv,
  lineAmountMinor,
  type MemberReader,
  mulDivHalfUp,
  type OrderEvent,
  PPM,
  parseDay,
  parseScaled,
  periodStart,
  splitLargestRemainder,
  weekday,
} from "../packages/engine/src/index.ts";

/** What the adapter computes for one order: the figures compared with Patron's engine. */
export interface AdapterOutcome {
  grossMinor: number;
  discountMinor: number;
  netMinor: number;
  points: number;
  /** Volume-band unit counters to add (same meaning as the engine's bandUnits changes). */
  changes: { key: string; deltaMilli: number }[];
}

type JreCondition = Record<string, unknown>;
type Kind = "string" | "money" | "quantity" | "int" | "date" | "bool" | "weekday";

/** The facts the adapter can supply, with json-rules-engine fact ids and value kinds. */
const FACTS: Partial<Record<Fact, { id: string; kind: Kind; line: boolean }>> = {
  "line.sku": { id: "lineSku", kind: "string", line: true },
  "line.category": { id: "lineCategory", kind: "string", line: true },
  "line.quantity": { id: "lineQuantity", kind: "quantity", line: true },
  "line.unitPrice": { id: "lineUnitPrice", kind: "money", line: true },
  "line.amount": { id: "lineAmount", kind: "money", line: true },
  "order.gross": { id: "orderGross", kind: "money", line: false },
  "order.quantity": { id: "orderQuantity", kind: "quantity", line: false },
  "order.lineCount": { id: "orderLineCount", kind: "int", line: false },
  "order.date": { id: "orderDate", kind: "date", line: false },
  "order.weekday": { id: "orderWeekday", kind: "weekday", line: false },
  "order.month": { id: "orderMonth", kind: "int", line: false },
  "order.code": { id: "orderCode", kind: "string", line: false },
  "order.isFirst": { id: "orderIsFirst", kind: "bool", line: false },
  "member.tier": { id: "memberTier", kind: "string", line: false },
  "member.segment": { id: "memberSegment", kind: "string", line: false },
  "member.region": { id: "memberRegion", kind: "string", line: false },
};
/** Adapter-only facts: the code as discounts and excludeCodes read it (trimmed, upper-cased). */
const CODE_KEY = "orderCodeKey";

const OPERATORS: Record<string, string> = {
  eq: "equal",
  ne: "notEqual",
  in: "in",
  notIn: "notIn",
  gt: "greaterThan",
  gte: "greaterThanInclusive",
  lt: "lessThan",
  lte: "lessThanInclusive",
};

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

class Unsupported extends Error {}

/** Converts a condition value to the units the engine compares in (minor units, thousandths, day numbers). */
function convert(kind: Kind, raw: unknown, digits: number, fact: Fact): string | number | boolean {
  const fail = (): never => {
    throw new Unsupported(`value ${JSON.stringify(raw)} of ${fact}`);
  };
  switch (kind) {
    case "string": {
      const s = typeof raw === "string" ? raw : typeof raw === "number" ? String(raw) : fail();
      return fact === "order.code" ? s.toUpperCase() : s;
    }
    case "bool":
      return typeof raw === "boolean" ? raw : fail();
    case "int":
      return typeof raw === "number" && Number.isInteger(raw) ? raw : fail();
    case "quantity":
      return parseScaled(String(raw), 3) ?? fail();
    case "money":
      return parseScaled(String(raw), digits) ?? fail();
    case "date":
      return (typeof raw === "string" ? parseDay(raw) : null) ?? fail();
    case "weekday": {
      if (typeof raw === "number" && raw >= 1 && raw <= 7) return raw;
      const i = typeof raw === "string" ? WEEKDAYS.indexOf(raw.slice(0, 3).toLowerCase()) : -1;
      return i >= 0 ? i + 1 : fail();
    }
  }
}

/** Patron condition → json-rules-engine condition; records the facts it reads in `used`. */
function translate(c: ConditionT, digits: number, used: Set<string>): JreCondition {
  if ("all" in c) return { all: c.all.map((x) => translate(x, digits, used)) };
  if ("any" in c) return { any: c.any.map((x) => translate(x, digits, used)) };
  if ("not" in c) return { not: translate(c.not, digits, used) };
  const f = FACTS[c.fact];
  if (!f) throw new Unsupported(`fact ${c.fact}`);
  used.add(f.id);
  const op = c.op ?? "eq";
  const v = c.value;
  if (op === "exists") return { fact: f.id, operator: "notEqual", value: null };
  if (op === "between") {
    if (!Array.isArray(v) || v.length !== 2) throw new Unsupported("between needs [low, high]");
    return {
      all: [
        { fact: f.id, operator: "greaterThanInclusive", value: convert(f.kind, v[0], digits, c.fact) },
        { fact: f.id, operator: "lessThanInclusive", value: convert(f.kind, v[1], digits, c.fact) },
      ],
    };
  }
  const operator = OPERATORS[op];
  if (!operator) throw new Unsupported(`operator ${op}`);
  if (op === "in" || op === "notIn") {
    if (!Array.isArray(v)) throw new Unsupported(`${op} needs a list`);
    return { fact: f.id, operator, value: v.map((x) => convert(f.kind, x, digits, c.fact)) };
  }
  if (v === undefined || Array.isArray(v)) throw new Unsupported(`${op} needs one value`);
  return { fact: f.id, operator, value: convert(f.kind, v, digits, c.fact) };
}

function readsLineFacts(c: ConditionT | undefined): boolean {
  if (!c) return false;
  if ("all" in c) return c.all.some(readsLineFacts);
  if ("any" in c) return c.any.some(readsLineFacts);
  if ("not" in c) return readsLineFacts(c.not);
  return c.fact.startsWith("line.");
}

/** `all` of the given conditions (json-rules-engine wants a top-level all/any/not). */
function allOf(parts: JreCondition[]): JreCondition {
  return parts.length === 1 && ("all" in (parts[0] as JreCondition) || "any" in (parts[0] as JreCondition))
    ? (parts[0] as JreCondition)
    : { all: parts };
}

interface Proposal {
  rule: CompiledDiscount;
  perLine: number[];
  units: number[];
  total: number;
  changes: { key: string; deltaMilli: number }[];
  changesIfExcluded: { key: string; deltaMilli: number }[];
}

export class RulesEngineAdapter {
  readonly orderEngine: Engine;
  readonly lineEngine: Engine;
  /** Rules held by each engine. */
  readonly orderRules: number;
  readonly lineRules: number;
  private readonly orderFacts: Set<string>;
  private readonly lineOrderFacts: Set<string>;
  private readonly lineFacts: Set<string>;

  constructor(readonly p: CompiledProgram) {
    const def = p.def;
    const digits = p.digits;
    if (p.partners) throw new Unsupported("coalition partners");
    if (p.withoutVat) throw new Unsupported("amounts withoutVat");
    if (p.offers.length > 0 || p.campaigns.length > 0) throw new Unsupported("offers and campaigns");
    for (const r of def.earning?.rules ?? []) {
      if ("expiry" in r && r.expiry !== undefined) throw new Unsupported(`earning rule ${r.id}: own expiry`);
    }
    const orderRules: RuleProperties[] = [];
    const lineRules: RuleProperties[] = [];
    const orderUsed = new Set<string>();
    const lineUsed = new Set<string>();
    const rule = (name: string, conditions: JreCondition, type: string, params: Record<string, unknown>) =>
      ({ name, conditions, event: { type, params } }) as RuleProperties;

    // Tiers: the member's level gives the base earning rate.
    for (const l of p.tiers?.levels ?? []) {
      if (l.earnRatePpm === null) continue;
      orderUsed.add("memberTier");
      orderRules.push(
        rule(`tier:${l.id}`, { all: [{ fact: "memberTier", operator: "equal", value: l.id }] }, "tier", {
          ratePpm: l.earnRatePpm,
        }),
      );
    }
    // Codes that earn nothing.
    if (p.earning.excludeCodes.size > 0) {
      orderUsed.add(CODE_KEY);
      orderRules.push(
        rule(
          "excludeCodes",
          { all: [{ fact: CODE_KEY, operator: "in", value: [...p.earning.excludeCodes] }] },
          "noEarn",
          {},
        ),
      );
    }
    // Discounts.
    def.discounts.forEach((d) => {
      const whenC = d.when ? [translate(d.when, digits, d.kind === "lines" ? lineUsed : orderUsed)] : [];
      if (d.when && readsLineFacts(d.when)) throw new Unsupported(`discount ${d.id}: when reads lines`);
      const compiled = p.discounts.find((x) => x.id === d.id) as CompiledDiscount;
      switch (d.kind) {
        case "orderSteps": {
          if (d.lines) throw new Unsupported(`discount ${d.id}: steps over selected lines`);
          if (compiled.kind !== "orderSteps") throw new Error("unreachable");
          orderUsed.add("orderGross");
          compiled.steps.forEach((s, i) => {
            const next = compiled.steps[i + 1];
            const range: JreCondition[] = [
              { fact: "orderGross", operator: "greaterThanInclusive", value: s.fromMinor },
            ];
            if (next) range.push({ fact: "orderGross", operator: "lessThan", value: next.fromMinor });
            orderRules.push(rule(`${d.id}:step${i}`, { all: [...whenC, ...range] }, "step", { id: d.id, i }));
          });
          break;
        }
        case "code": {
          if (d.lines) throw new Unsupported(`discount ${d.id}: a code over selected lines`);
          if (compiled.kind !== "code") throw new Error("unreachable");
          orderUsed.add(CODE_KEY);
          orderUsed.add("orderGross");
          orderUsed.add("orderDate");
          const parts: JreCondition[] = [
            { fact: CODE_KEY, operator: "equal", value: compiled.code },
            { fact: "orderGross", operator: "greaterThanInclusive", value: compiled.minGrossMinor },
            { fact: "orderDate", operator: "greaterThanInclusive", value: compiled.validFrom },
          ];
          if (compiled.validTo !== null)
            parts.push({ fact: "orderDate", operator: "lessThanInclusive", value: compiled.validTo });
          if (compiled.firstOrderOnly) {
            orderUsed.add("orderIsFirst");
            parts.push({ fact: "orderIsFirst", operator: "equal", value: true });
          }
          orderRules.push(rule(d.id, { all: [...parts, ...whenC] }, "code", { id: d.id }));
          break;
        }
        case "volumeBands": {
          if (d.per !== "sku") throw new Unsupported(`discount ${d.id}: bands per ${d.per}`);
          if (d.when) throw new Unsupported(`discount ${d.id}: bands with when`);
          lineRules.push(rule(d.id, allOf([translate(d.lines, digits, lineUsed)]), "bands", { id: d.id }));
          break;
        }
        case "lines":
          lineRules.push(
            rule(d.id, allOf([...whenC, translate(d.lines, digits, lineUsed)]), "lineDiscount", { id: d.id }),
          );
          break;
        default:
          throw new Unsupported(`discount kind ${d.kind}`);
      }
    });
    // Earning rules: order-level ones in the order engine, the rest per line.
    for (const r of def.earning?.rules ?? []) {
      if (!r.when && !r.lines) continue; // applies to every line: no decision to make
      if (r.lines) {
        const parts = [];
        if (r.when) parts.push(translate(r.when, digits, lineUsed));
        parts.push(translate(r.lines, digits, lineUsed));
        lineRules.push(rule(r.id, allOf(parts), "earn", { id: r.id }));
      } else if (r.when) {
        orderRules.push(rule(r.id, allOf([translate(r.when, digits, orderUsed)]), "earn", { id: r.id }));
      }
    }
    if (p.redemption.lines) throw new Unsupported("redemption over selected lines");

    this.orderEngine = new Engine(orderRules, { allowUndefinedFacts: false });
    this.lineEngine = new Engine(lineRules, { allowUndefinedFacts: false });
    this.orderRules = orderRules.length;
    this.lineRules = lineRules.length;
    this.orderFacts = orderUsed;
    this.lineFacts = new Set([...lineUsed].filter((id) => id.startsWith("line")));
    this.lineOrderFacts = new Set([...lineUsed].filter((id) => !id.startsWith("line")));
  }

  get ruleCount(): number {
    return this.orderRules + this.lineRules;
  }

  /** Evaluates one order for `member` (its state before the order). Runs the engines one after another. */
  async evaluate(order: OrderEvent, member: MemberReader): Promise<AdapterOutcome> {
    const p = this.p;
    const n = order.lines.length;
    if (order.pointsToRedeem > 0) throw new Unsupported("points redemption");
    const day = order.day;
    const gross: number[] = new Array(n);
    let grossMinor = 0;
    let quantityMilli = 0;
    for (let i = 0; i < n; i++) {
      const l = order.lines[i] as OrderEvent["lines"][number];
      const g = lineAmountMinor(l.quantityMilli, l.unitPriceMinor);
      gross[i] = g;
      grossMinor += g;
      quantityMilli += l.quantityMilli;
    }
    const codeKey = order.code ? order.code.trim().toUpperCase() : null;
    const all: Record<string, string | number | boolean | null> = {
      orderGross: grossMinor,
      orderQuantity: quantityMilli,
      orderLineCount: n,
      orderDate: day,
      orderWeekday: weekday(day),
      orderMonth: civilFromDay(day).m,
      orderCode: order.code === null ? null : order.code.toUpperCase(),
      orderIsFirst: member.orderCount === 0,
      memberTier: member.tier,
      memberSegment: member.profile.segment,
      memberRegion: member.profile.region,
      [CODE_KEY]: codeKey,
    };

    // ---- Decisions: one order run, one run per line ----------------------------------------------------------
    const orderFacts: Record<string, unknown> = {};
    for (const id of this.orderFacts) orderFacts[id] = all[id];
    const orderRun = await this.orderEngine.run(orderFacts);
    let tierRate: number | null = null;
    let noEarn = false;
    const stepFired = new Map<string, number>();
    const codeFired = new Set<string>();
    const earnOrder = new Set<string>();
    for (const e of orderRun.events) {
      const params = e.params as Record<string, unknown>;
      if (e.type === "tier") tierRate = params.ratePpm as number;
      else if (e.type === "noEarn") noEarn = true;
      else if (e.type === "step") stepFired.set(params.id as string, params.i as number);
      else if (e.type === "code") codeFired.add(params.id as string);
      else if (e.type === "earn") earnOrder.add(params.id as string);
    }
    const lineFired: Set<string>[] = new Array(n);
    const lineFacts: Record<string, unknown> = {};
    for (const id of this.lineOrderFacts) lineFacts[id] = all[id];
    for (let i = 0; i < n; i++) {
      const l = order.lines[i] as OrderEvent["lines"][number];
      for (const id of this.lineFacts) {
        lineFacts[id] =
          id === "lineSku"
            ? l.sku
            : id === "lineCategory"
              ? l.category
              : id === "lineQuantity"
                ? l.quantityMilli
                : id === "lineUnitPrice"
                  ? l.unitPriceMinor
                  : gross[i];
      }
      const run = await this.lineEngine.run(lineFacts);
      const fired = new Set<string>();
      for (const e of run.events) fired.add((e.params as { id: string }).id);
      lineFired[i] = fired;
    }

    // ---- Arithmetic, as the engine does it -------------------------------------------------------------------
    const newProposal = (rule: CompiledDiscount): Proposal => ({
      rule,
      perLine: new Array<number>(n).fill(0),
      units: new Array<number>(n).fill(0),
      total: 0,
      changes: [],
      changesIfExcluded: [],
    });
    const orderLevel = (rule: CompiledDiscount, ratePpm: number): Proposal => {
      const prop = newProposal(rule);
      const amount = mulDivHalfUp(grossMinor, ratePpm, PPM);
      if (amount > 0) {
        prop.perLine = splitLargestRemainder(amount, gross);
        prop.total = amount;
      }
      return prop;
    };
    const proposals: Proposal[] = [];
    const counted = new Map<string, number>();
    for (const d of p.discounts) {
      if (d.kind === "orderSteps") {
        const i = stepFired.get(d.id);
        if (i !== undefined) proposals.push(orderLevel(d, (d.steps[i] as { ratePpm: number }).ratePpm));
      } else if (d.kind === "code") {
        if (codeFired.has(d.id)) proposals.push(orderLevel(d, d.ratePpm));
      } else if (d.kind === "lines") {
        const prop = newProposal(d);
        let any = false;
        for (let i = 0; i < n; i++) {
          if (!lineFired[i]?.has(d.id)) continue;
          any = true;
          const amount = mulDivHalfUp(gross[i] as number, d.ratePpm, PPM);
          prop.perLine[i] = amount;
          prop.total += amount;
        }
        if (any) proposals.push(prop);
      } else if (d.kind === "volumeBands") {
        const prop = newProposal(d);
        const start = periodStart(day, d.period);
        let any = false;
        for (let i = 0; i < n; i++) {
          if (!lineFired[i]?.has(d.id)) continue;
          any = true;
          const l = order.lines[i] as OrderEvent["lines"][number];
          const key = bandKey(d.id, start, l.sku);
          const before = counted.get(key) ?? member.bandUnits(key);
          const after = before + l.quantityMilli;
          counted.set(key, after);
          let exact = 0n;
          for (let b = 0; b < d.bands.length; b++) {
            const band = d.bands[b] as (typeof d.bands)[number];
            const lo = band.fromUnitMilli - 1000;
            const next = d.bands[b + 1];
            const hi = next ? next.fromUnitMilli - 1000 : Infinity;
            const qty = Math.max(0, Math.min(after, hi) - Math.max(before, lo));
            if (qty <= 0) continue;
            exact += BigInt(qty) * BigInt(l.unitPriceMinor) * BigInt(band.ratePpm);
          }
          const discount = Number(bigDivHalfUp(exact, 1_000_000_000n));
          prop.units[i] = discount;
          prop.total += discount;
          prop.changes.push({ key, deltaMilli: l.quantityMilli });
        }
        if (any) {
          prop.changesIfExcluded = prop.changes;
          proposals.push(prop);
        }
      }
    }
    let applied = proposals;
    const changes: AdapterOutcome["changes"] = [];
    const exclusive = proposals.filter((x) => !x.rule.combinable && x.total > 0);
    if (exclusive.length > 0) {
      exclusive.sort((a, b) => b.rule.priority - a.rule.priority || b.total - a.total);
      const winner = exclusive[0] as Proposal;
      applied = [winner];
      for (const x of proposals) if (x !== winner) changes.push(...x.changesIfExcluded);
    }
    const prop = new Array<number>(n).fill(0);
    const unit = new Array<number>(n).fill(0);
    for (const x of applied) {
      changes.push(...x.changes);
      for (let i = 0; i < n; i++) {
        prop[i] = (prop[i] as number) + (x.perLine[i] as number);
        unit[i] = (unit[i] as number) + (x.units[i] as number);
      }
    }
    const net: number[] = new Array(n);
    let discountMinor = 0;
    let netMinor = 0;
    for (let i = 0; i < n; i++) {
      const g = gross[i] as number;
      let u = unit[i] as number;
      let pr = prop[i] as number;
      if (u > g) u = g;
      if (pr + u > g) pr = g - u;
      discountMinor += pr + u;
      net[i] = g - pr - u;
      netMinor += net[i] as number;
    }

    // ---- Points earned ---------------------------------------------------------------------------------------
    let points = 0;
    if (!noEarn) {
      const baseRate = tierRate ?? Math.max(p.earning.baseRatePpm, 0);
      const terms: { basis: number; num: bigint; den: bigint }[] = [];
      const perRule = new Map<string, { basis: number; points: number; perMinor: number | null }>();
      for (let i = 0; i < n; i++) {
        const basis = net[i] as number;
        if (basis <= 0) continue;
        const fired = lineFired[i] as Set<string>;
        let rate = baseRate;
        let mult = 1n;
        let den = 1n;
        let none = false;
        for (const r of p.earning.rules) {
          const applies = (r.when === null && r.lines === null) || earnOrder.has(r.id) || fired.has(r.id);
          if (!applies) continue;
          const e = r.effect;
          if (e.kind === "noPoints") {
            none = true;
            break;
          }
          if (e.kind === "rate") rate += e.ratePpm;
          else if (e.kind === "setRate") rate = e.ratePpm;
          else if (e.kind === "multiply") {
            mult *= BigInt(e.factorPpm);
            den *= 1_000_000n;
          } else {
            const acc = perRule.get(r.id) ?? { basis: 0, points: e.points, perMinor: e.perMinor };
            acc.basis += basis;
            perRule.set(r.id, acc);
          }
          if (r.exclusive) break;
        }
        if (none || rate === 0) continue;
        terms.push({ basis, num: BigInt(rate) * mult, den: den * 1_000_000n });
      }
      if (terms.length > 0) {
        let maxDen = 1n;
        for (const t of terms) if (t.den > maxDen) maxDen = t.den;
        let sum = 0n;
        for (const t of terms) sum += BigInt(t.basis) * t.num * (maxDen / t.den);
        points = Number(bigFloorDiv(sum, maxDen * BigInt(p.pointValueMinor)));
      }
      for (const r of perRule.values()) {
        const pts = r.perMinor === null ? r.points : floorDiv(r.basis, r.perMinor) * r.points;
        if (pts > 0) points += pts;
      }
    }
    return { grossMinor, discountMinor, netMinor, points, changes };
  }
}

/** The counter key of a volume-band rule for a SKU in the period starting on `start` (as the engine keys it). */
export function bandKey(rule: string, start: Day, sku: string): string {
  return `${rule}|${new Date(start * 86_400_000).toISOString().slice(0, 10)}|${sku}`;
}
