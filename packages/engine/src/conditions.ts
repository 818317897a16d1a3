// Compiles a condition (data) into a closure over an evaluation context, once per program.
import {
  civilFromDay,
  type Day,
  endOfMonth,
  nextPeriodStart,
  parseDay,
  weekday,
  wholeYears,
} from "./dates.ts";
import { parsePercent, parseScaled } from "./money.ts";
import type { AtomT, ConditionT, Fact } from "./program/schema.ts";

/** What a condition can read. Lines are null for order-level conditions. */
export interface CondCtx {
  day: Day;
  grossMinor: number;
  quantityMilli: number;
  lineCount: number;
  paidOn: Day | null;
  termMonths: number | null;
  code: string | null;
  partnerId: string | null;
  salesRepId: string | null;
  isFirst: boolean;
  selectedQuantityMilli: number;
  selectedAmountMinor: number;
  member: {
    id: string;
    tier: string | null;
    segment: string | null;
    region: string | null;
    joinedOn: Day | null;
    contactRole: string | null;
    contactCircle: string | null;
  };
  /** Counters over the days before `day`. */
  ordersInWindow(days: number): number;
  purchasesInWindow(days: number): number;
  stamps(rule: string): number;
  line: CondLine | null;
}

export interface CondLine {
  sku: string;
  category: string;
  quantityMilli: number;
  unitPriceMinor: number;
  grossMinor: number;
  unitCostMinor: number | null;
}

export type Predicate = (ctx: CondCtx) => boolean;

export class ConditionError extends Error {
  constructor(
    readonly path: (string | number)[],
    message: string,
  ) {
    super(message);
  }
}

type Kind = "string" | "money" | "quantity" | "int" | "date" | "bool" | "percent" | "weekday";

const KIND: Record<Fact, Kind> = {
  "line.sku": "string",
  "line.category": "string",
  "line.quantity": "quantity",
  "line.unitPrice": "money",
  "line.amount": "money",
  "line.margin": "money",
  "line.marginRate": "percent",
  "order.gross": "money",
  "order.quantity": "quantity",
  "order.lineCount": "int",
  "order.date": "date",
  "order.weekday": "weekday",
  "order.month": "int",
  "order.paidOn": "date",
  "order.paymentDays": "int",
  "order.termMonths": "int",
  "order.code": "string",
  "order.partner": "string",
  "order.salesRep": "string",
  "order.isFirst": "bool",
  "selected.quantity": "quantity",
  "selected.amount": "money",
  "member.id": "string",
  "member.tier": "string",
  "member.segment": "string",
  "member.region": "string",
  "member.tenureYears": "int",
  "member.tenureDays": "int",
  "member.contactRole": "string",
  "member.contactCircle": "string",
  "counter.orders": "int",
  "counter.purchases": "money",
  "counter.stamps": "int",
};

export function isLineFact(fact: Fact): boolean {
  return fact.startsWith("line.");
}

/** True when the condition reads any line fact (it must then be evaluated per line). */
export function readsLines(c: ConditionT | undefined): boolean {
  if (!c) return false;
  if ("all" in c) return c.all.some(readsLines);
  if ("any" in c) return c.any.some(readsLines);
  if ("not" in c) return readsLines(c.not);
  return isLineFact(c.fact);
}

type Getter = (ctx: CondCtx) => string | number | boolean | null;

function tenureYears(joined: Day | null, day: Day): number | null {
  return joined === null ? null : wholeYears(joined, day);
}

function getter(atom: AtomT, path: (string | number)[]): Getter {
  const lineOnly = (f: (l: CondLine) => string | number | null): Getter => {
    return (ctx) => (ctx.line ? f(ctx.line) : null);
  };
  switch (atom.fact) {
    case "line.sku":
      return (c) => (c.line ? c.line.sku : null);
    case "line.category":
      return (c) => (c.line ? c.line.category : null);
    case "line.quantity":
      return lineOnly((l) => l.quantityMilli);
    case "line.unitPrice":
      return lineOnly((l) => l.unitPriceMinor);
    case "line.amount":
      return lineOnly((l) => l.grossMinor);
    case "line.margin":
      return lineOnly((l) =>
        l.unitCostMinor === null
          ? null
          : Math.round(((l.unitPriceMinor - l.unitCostMinor) * l.quantityMilli) / 1000),
      );
    case "line.marginRate":
      return lineOnly((l) =>
        l.unitCostMinor === null || l.unitPriceMinor === 0
          ? null
          : Math.floor(((l.unitPriceMinor - l.unitCostMinor) * 1_000_000) / l.unitPriceMinor),
      );
    case "order.gross":
      return (c) => c.grossMinor;
    case "order.quantity":
      return (c) => c.quantityMilli;
    case "order.lineCount":
      return (c) => c.lineCount;
    case "order.date":
      return (c) => c.day;
    case "order.weekday":
      return (c) => weekday(c.day);
    case "order.month":
      return (c) => civilFromDay(c.day).m;
    case "order.paidOn":
      return (c) => c.paidOn;
    case "order.paymentDays":
      return (c) => (c.paidOn === null ? null : c.paidOn - c.day);
    case "order.termMonths":
      return (c) => c.termMonths;
    case "order.code":
      return (c) => (c.code === null ? null : c.code.toUpperCase());
    case "order.partner":
      return (c) => c.partnerId;
    case "order.salesRep":
      return (c) => c.salesRepId;
    case "order.isFirst":
      return (c) => c.isFirst;
    case "selected.quantity":
      return (c) => c.selectedQuantityMilli;
    case "selected.amount":
      return (c) => c.selectedAmountMinor;
    case "member.id":
      return (c) => c.member.id;
    case "member.tier":
      return (c) => c.member.tier;
    case "member.segment":
      return (c) => c.member.segment;
    case "member.region":
      return (c) => c.member.region;
    case "member.tenureYears":
      return (c) => tenureYears(c.member.joinedOn, c.day);
    case "member.tenureDays":
      return (c) => (c.member.joinedOn === null ? null : c.day - c.member.joinedOn);
    case "member.contactRole":
      return (c) => c.member.contactRole;
    case "member.contactCircle":
      return (c) => c.member.contactCircle;
    case "counter.orders": {
      const days = requireWindow(atom, path);
      return (c) => c.ordersInWindow(days);
    }
    case "counter.purchases": {
      const days = requireWindow(atom, path);
      return (c) => c.purchasesInWindow(days);
    }
    case "counter.stamps": {
      const rule = atom.rule;
      if (!rule)
        throw new ConditionError([...path, "rule"], "counter.stamps needs `rule`: the stamps rule to read");
      return (c) => c.stamps(rule);
    }
  }
}

function requireWindow(atom: AtomT, path: (string | number)[]): number {
  if (atom.windowDays === undefined) {
    throw new ConditionError(
      [...path, "windowDays"],
      `${atom.fact} needs windowDays: the N days before the order`,
    );
  }
  return atom.windowDays;
}

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** A compiled operand: a constant, or a date relative to the order's day. */
type Operand = number | string | boolean | ((ctx: CondCtx) => number);

function operand(kind: Kind, raw: unknown, path: (string | number)[], moneyDigits: number): Operand {
  const bad = (what: string): never => {
    throw new ConditionError(path, `expected ${what}, got ${JSON.stringify(raw)}`);
  };
  switch (kind) {
    case "string":
      return typeof raw === "string" ? raw : typeof raw === "number" ? String(raw) : bad("a string");
    case "bool":
      return typeof raw === "boolean" ? raw : bad("true or false");
    case "int":
      return typeof raw === "number" && Number.isInteger(raw) ? raw : bad("a whole number");
    case "quantity": {
      const v = parseScaled(String(raw), 3);
      return typeof raw === "number" || typeof raw === "string"
        ? (v ?? bad("a quantity"))
        : bad("a quantity");
    }
    case "money": {
      const v =
        typeof raw === "number" || typeof raw === "string" ? parseScaled(String(raw), moneyDigits) : null;
      return v ?? bad(`an amount with at most ${moneyDigits} decimals`);
    }
    case "percent": {
      const v = typeof raw === "string" ? parsePercent(raw) : null;
      return v ?? bad('a percentage such as "30%"');
    }
    case "weekday": {
      if (typeof raw === "number" && raw >= 1 && raw <= 7) return raw;
      const i = typeof raw === "string" ? WEEKDAYS.indexOf(raw.slice(0, 3).toLowerCase()) : -1;
      return i >= 0 ? i + 1 : bad("a weekday (1–7 or mon…sun)");
    }
    case "date": {
      if (raw === "endOfMonth") return (c) => endOfMonth(c.day);
      if (raw === "endOfQuarter") return (c) => nextPeriodStart(c.day, "quarter") - 1;
      if (raw === "endOfYear") return (c) => nextPeriodStart(c.day, "year") - 1;
      const d = typeof raw === "string" ? parseDay(raw) : null;
      return d ?? bad("a date (YYYY-MM-DD) or endOfMonth / endOfQuarter / endOfYear");
    }
  }
}

function resolve(o: Operand, ctx: CondCtx): number | string | boolean {
  return typeof o === "function" ? o(ctx) : o;
}

function compileAtom(atom: AtomT, path: (string | number)[], moneyDigits: number): Predicate {
  const kind = KIND[atom.fact];
  const get = getter(atom, path);
  const op = atom.op;
  if (op === "exists") return (c) => get(c) !== null;
  const value = atom.value;
  if (op === "in" || op === "notIn") {
    if (!Array.isArray(value)) throw new ConditionError([...path, "value"], `${op} needs a list of values`);
    const set = new Set(
      value.map((v, i) => resolveConst(operand(kind, v, [...path, "value", i], moneyDigits))),
    );
    const caseless = kind === "string" && atom.fact === "order.code";
    const norm = caseless ? new Set([...set].map((v) => String(v).toUpperCase())) : set;
    return op === "in"
      ? (c) => {
          const v = get(c);
          return v !== null && norm.has(v);
        }
      : (c) => {
          const v = get(c);
          return v === null || !norm.has(v);
        };
  }
  if (op === "between") {
    if (!Array.isArray(value) || value.length !== 2) {
      throw new ConditionError([...path, "value"], "between needs [low, high]");
    }
    const lo = operand(kind, value[0], [...path, "value", 0], moneyDigits);
    const hi = operand(kind, value[1], [...path, "value", 1], moneyDigits);
    return (c) => {
      const v = get(c);
      return v !== null && v >= resolve(lo, c) && v <= resolve(hi, c);
    };
  }
  if (value === undefined || Array.isArray(value)) {
    throw new ConditionError([...path, "value"], `${op} needs one value`);
  }
  let o = operand(kind, value, [...path, "value"], moneyDigits);
  if (atom.fact === "order.code" && typeof o === "string") o = o.toUpperCase();
  const ordered = op === "gt" || op === "gte" || op === "lt" || op === "lte";
  if (ordered && (kind === "string" || kind === "bool")) {
    throw new ConditionError([...path, "op"], `${op} does not apply to ${atom.fact}`);
  }
  if (typeof o !== "function") {
    // The common case, a constant: no call to resolve it.
    const k = o;
    switch (op) {
      case "eq":
        return (c) => get(c) === k;
      case "ne":
        return (c) => get(c) !== k;
      case "gt":
        return (c) => {
          const v = get(c);
          return v !== null && v > k;
        };
      case "gte":
        return (c) => {
          const v = get(c);
          return v !== null && v >= k;
        };
      case "lt":
        return (c) => {
          const v = get(c);
          return v !== null && v < k;
        };
      case "lte":
        return (c) => {
          const v = get(c);
          return v !== null && v <= k;
        };
    }
  }
  switch (op) {
    case "eq":
      return (c) => get(c) === resolve(o, c);
    case "ne":
      return (c) => get(c) !== resolve(o, c);
    case "gt":
      return (c) => {
        const v = get(c);
        return v !== null && v > resolve(o, c);
      };
    case "gte":
      return (c) => {
        const v = get(c);
        return v !== null && v >= resolve(o, c);
      };
    case "lt":
      return (c) => {
        const v = get(c);
        return v !== null && v < resolve(o, c);
      };
    case "lte":
      return (c) => {
        const v = get(c);
        return v !== null && v <= resolve(o, c);
      };
  }
}

function resolveConst(o: Operand): string | number | boolean {
  if (typeof o === "function") throw new Error("relative dates are not allowed in lists");
  return o;
}

/** Compiles a condition; `path` locates it in the program for error messages. */
export function compileCondition(c: ConditionT, path: (string | number)[], moneyDigits: number): Predicate {
  if ("all" in c) {
    const parts = c.all.map((x, i) => compileCondition(x, [...path, "all", i], moneyDigits));
    if (parts.length === 1) return parts[0] as Predicate;
    return (ctx) => {
      for (const p of parts) if (!p(ctx)) return false;
      return true;
    };
  }
  if ("any" in c) {
    const parts = c.any.map((x, i) => compileCondition(x, [...path, "any", i], moneyDigits));
    return (ctx) => {
      for (const p of parts) if (p(ctx)) return true;
      return false;
    };
  }
  if ("not" in c) {
    const inner = compileCondition(c.not, [...path, "not"], moneyDigits);
    return (ctx) => !inner(ctx);
  }
  return compileAtom(c, path, moneyDigits);
}
