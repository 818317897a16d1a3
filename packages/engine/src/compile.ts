// Turns a validated program definition into a compiled form: money in minor units, rates in ppm,
// conditions as closures, rules sorted and indexed. Compile once, evaluate many events.
import { compileCondition, type Predicate, readsLines } from "./conditions.ts";
import { type Day, isTimeZone, parseDay } from "./dates.ts";
import { currencyDigits, parseFactor, parsePercent, parseScaled } from "./money.ts";
import type { ConditionT, DiscountDef, ExpiryDef, ProgramDef } from "./program/schema.ts";

export interface CompileIssue {
  path: (string | number)[];
  message: string;
}

export class ProgramError extends Error {
  constructor(readonly issues: CompileIssue[]) {
    super(issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join("\n"));
  }
}

export function formatPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${p}` : p;
  return out || "(root)";
}

export interface Step {
  fromMinor: number;
  ratePpm: number;
}

export interface CompiledTierLevel {
  id: string;
  from: number;
  earnRatePpm: number | null;
  benefits: string[];
}

export interface CompiledTiers {
  metric: "netPurchases" | "pointsEarned";
  window: { rollingDays: number } | { previous: "month" | "quarter" | "year" };
  evaluation: "daily" | "monthly" | "quarterly" | "yearly";
  initial: string;
  pool: "none" | "parent";
  levels: CompiledTierLevel[];
  inactivityDays: number | null;
  repeatDays: number | null;
  graceDays: number;
}

export interface CompiledEarnRule {
  id: string;
  priority: number;
  lines: Predicate | null;
  when: Predicate | null;
  exclusive: boolean;
  expiry: CompiledExpiry | null;
  effect:
    | { kind: "rate"; ratePpm: number }
    | { kind: "setRate"; ratePpm: number }
    | { kind: "multiply"; factorPpm: number }
    | { kind: "points"; points: number; perMinor: number | null }
    | { kind: "noPoints" };
}

interface DiscountCommon {
  id: string;
  priority: number;
  combinable: boolean;
  when: Predicate | null;
}

export type CompiledDiscount = DiscountCommon &
  (
    | { kind: "orderSteps"; steps: Step[]; lines: Predicate | null }
    | {
        kind: "volumeBands";
        lines: Predicate;
        per: "sku" | "category" | "rule";
        period: "month" | "quarter" | "year";
        bands: { fromUnitMilli: number; ratePpm: number }[];
      }
    | { kind: "bundle"; lines: Predicate; every: number; ratePpm: number }
    | { kind: "stamps"; lines: Predicate; stamps: number; ratePpm: number }
    | { kind: "membership"; sku: string; days: number; lines: Predicate; ratePpm: number }
    | {
        kind: "code";
        code: string;
        validFrom: Day;
        validTo: Day | null;
        minGrossMinor: number;
        firstOrderOnly: boolean;
        ratePpm: number;
        lines: Predicate | null;
      }
    | {
        kind: "referral";
        prefix: string;
        ratePpm: number;
        referrerPoints: number;
        credit: "atOnce" | "afterPayment";
      }
    | {
        kind: "individual";
        maxRatePpm: number;
        grants: Map<
          string,
          {
            ratePpm: number;
            grantedBy: string;
            approvedBy: string | null;
            validFrom: Day | null;
            validTo: Day | null;
            lines: Predicate | null;
          }[]
        >;
      }
    | { kind: "lines"; lines: Predicate; ratePpm: number }
  );

export type CompiledExpiry =
  | { policy: "never" }
  | { policy: "afterDays"; days: number }
  | { policy: "endOfMonth" }
  | { policy: "endOfNextMonth" };

export interface CompiledProgram {
  def: ProgramDef;
  id: string;
  version: number;
  effectiveFrom: Day;
  startsOn: Day;
  currency: string;
  digits: number;
  timeZone: string;
  pointValueMinor: number;
  withoutVat: boolean;
  wallet: { earner: "company" | "contact" | "split"; companyPpm: number; allowDebt: boolean };
  earning: {
    basis: "net" | "netBeforePoints";
    baseRatePpm: number;
    rules: CompiledEarnRule[];
    excludeCodes: Set<string>;
  };
  tiers: CompiledTiers | null;
  discounts: CompiledDiscount[];
  offers: {
    id: string;
    lines: Predicate | null;
    when: Predicate;
    benefit: { code: string; quantity: number; unit: string | null };
  }[];
  credits: { id: string; steps: Step[]; expiry: CompiledExpiry | null; reversible: boolean }[];
  redemption: { capPpm: number; minimumPoints: number; lines: Predicate | null };
  expiry: CompiledExpiry;
  pending: { untilPaid: boolean; returnWindowDays: number };
  partners: Map<string, { rates: { lines: Predicate | null; ratePpm: number }[] }> | null;
  campaigns: {
    id: string;
    from: Day;
    to: Day;
    points: number;
    perMinor: number;
    targetDefault: number;
    targets: Map<string, number>;
    prizes: ({ top: number; benefit: string } | { aboveTarget: true; benefit: string })[];
  }[];
  rewards: Map<string, { name: string; kind: string; pricePoints: number; tiers: Set<string> | null }>;
  actions: { id: string; event: string; subject: string | null; points: number; oncePerSubject: boolean }[];
}

/** Compiles a validated definition; throws ProgramError listing every problem with its path. */
export function compileProgram(def: ProgramDef): CompiledProgram {
  const issues: CompileIssue[] = [];
  const digits = currencyDigits(def.currency);
  const money = (v: number | string, path: (string | number)[]): number => {
    const m = parseScaled(String(v), digits);
    if (m === null || m < 0) {
      issues.push({ path, message: `an amount in ${def.currency} has at most ${digits} decimals` });
      return 0;
    }
    return m;
  };
  const pct = (v: string, path: (string | number)[]): number => {
    const p = parsePercent(v);
    if (p === null) {
      issues.push({ path, message: 'a percentage such as "5%"' });
      return 0;
    }
    return p;
  };
  const day = (v: string, path: (string | number)[]): Day => {
    const d = parseDay(v);
    if (d === null) {
      issues.push({ path, message: `${v} is not a real calendar date` });
      return 0;
    }
    return d;
  };
  const cond = (c: ConditionT | undefined, path: (string | number)[]): Predicate | null => {
    if (!c) return null;
    try {
      return compileCondition(c, path, digits);
    } catch (e) {
      if (e instanceof Error && "path" in e) {
        issues.push({ path: (e as { path: (string | number)[] }).path, message: e.message });
        return null;
      }
      throw e;
    }
  };
  const ids = new Map<string, string>();
  const uniqueId = (id: string, path: (string | number)[]) => {
    const seen = ids.get(id);
    if (seen) issues.push({ path, message: `id "${id}" is already used at ${seen}` });
    else ids.set(id, formatPath(path));
  };

  if (!isTimeZone(def.timeZone))
    issues.push({ path: ["timeZone"], message: `unknown time zone "${def.timeZone}"` });
  const startsOn = day(def.startsOn, ["startsOn"]);
  const effectiveFrom = def.effectiveFrom ? day(def.effectiveFrom, ["effectiveFrom"]) : startsOn;
  const pointValueMinor = money(def.pointValue, ["pointValue"]);
  if (pointValueMinor <= 0)
    issues.push({ path: ["pointValue"], message: "a point must be worth more than zero" });

  // Wallet
  let companyPpm = 1_000_000;
  if (def.wallet.earner === "contact") companyPpm = 0;
  if (def.wallet.earner === "split") {
    if (!def.wallet.split)
      issues.push({ path: ["wallet", "split"], message: "earner split needs split shares" });
    else {
      companyPpm = pct(def.wallet.split.company, ["wallet", "split", "company"]);
      const contact = pct(def.wallet.split.contact, ["wallet", "split", "contact"]);
      if (companyPpm + contact !== 1_000_000) {
        issues.push({ path: ["wallet", "split"], message: "company and contact shares must add up to 100%" });
      }
    }
  }

  // Tiers
  let tiers: CompiledTiers | null = null;
  if (def.tiers) {
    const t = def.tiers;
    const levels = t.levels.map((l, i) => {
      uniqueId(l.id, ["tiers", "levels", i, "id"]);
      const from =
        t.metric === "pointsEarned"
          ? (parseScaled(String(l.from), 0) ?? 0)
          : money(l.from, ["tiers", "levels", i, "from"]);
      return {
        id: l.id,
        from,
        earnRatePpm: l.earnRate ? pct(l.earnRate, ["tiers", "levels", i, "earnRate"]) : null,
        benefits: l.benefits,
      };
    });
    for (let i = 1; i < levels.length; i++) {
      if ((levels[i]?.from ?? 0) <= (levels[i - 1]?.from ?? 0)) {
        issues.push({
          path: ["tiers", "levels", i, "from"],
          message: "levels must be listed from the lowest threshold up",
        });
      }
    }
    const initial = t.initial ?? levels[0]?.id ?? "";
    if (!levels.some((l) => l.id === initial)) {
      issues.push({ path: ["tiers", "initial"], message: `no level "${initial}"` });
    }
    if ("rollingDays" in t.window && t.evaluation !== "daily") {
      // allowed: a rolling window read on a schedule
    }
    tiers = {
      metric: t.metric,
      window: t.window,
      evaluation: t.evaluation,
      initial,
      pool: t.pool,
      levels,
      inactivityDays: t.downgrade?.inactivityDays ?? null,
      repeatDays: t.downgrade?.repeatDays ?? t.downgrade?.inactivityDays ?? null,
      graceDays: t.graceDays,
    };
  }
  const tierIds = new Set(tiers?.levels.map((l) => l.id) ?? []);

  // Earning
  const earnRules: CompiledEarnRule[] = (def.earning?.rules ?? []).map((r, i) => {
    const path = ["earning", "rules", i];
    uniqueId(r.id, [...path, "id"]);
    const e = r.effect;
    const effect: CompiledEarnRule["effect"] =
      "rate" in e
        ? { kind: "rate", ratePpm: pct(e.rate, [...path, "effect", "rate"]) }
        : "setRate" in e
          ? { kind: "setRate", ratePpm: pct(e.setRate, [...path, "effect", "setRate"]) }
          : "multiply" in e
            ? { kind: "multiply", factorPpm: parseFactor(String(e.multiply)) ?? 1_000_000 }
            : "points" in e
              ? {
                  kind: "points",
                  points: e.points,
                  perMinor: e.per === undefined ? null : money(e.per, [...path, "effect", "per"]),
                }
              : { kind: "noPoints" };
    if (effect.kind === "points" && effect.perMinor === 0) {
      issues.push({ path: [...path, "effect", "per"], message: "per must be more than zero" });
    }
    return {
      id: r.id,
      priority: r.priority,
      lines: cond(r.lines, [...path, "lines"]),
      when: cond(r.when, [...path, "when"]),
      exclusive: r.exclusive,
      expiry: r.expiry ?? null,
      effect,
    };
  });
  earnRules.sort((a, b) => b.priority - a.priority);
  // `when` tests the order and the member; a line fact there would never be true.
  const orderLevel = (c: ConditionT | undefined, path: (string | number)[]) => {
    if (readsLines(c)) issues.push({ path, message: "`when` is order-level: put line tests in `lines`" });
  };
  for (const [i, r] of (def.earning?.rules ?? []).entries())
    orderLevel(r.when, ["earning", "rules", i, "when"]);
  for (const [i, o] of def.offers.entries()) orderLevel(o.when, ["offers", i, "when"]);
  for (const [i, d] of def.discounts.entries()) orderLevel(d.when, ["discounts", i, "when"]);

  const discounts = def.discounts.map((d, i) => compileDiscount(d, ["discounts", i]));
  discounts.sort((a, b) => b.priority - a.priority);

  function compileDiscount(d: DiscountDef, path: (string | number)[]): CompiledDiscount {
    uniqueId(d.id, [...path, "id"]);
    const common: DiscountCommon = {
      id: d.id,
      priority: d.priority,
      combinable: d.combinable,
      when: cond(d.when, [...path, "when"]),
    };
    const steps = (list: { from: number | string; rate: string }[], p: (string | number)[]): Step[] => {
      const out = list.map((s, j) => ({
        fromMinor: money(s.from, [...p, j, "from"]),
        ratePpm: pct(s.rate, [...p, j, "rate"]),
      }));
      for (let j = 1; j < out.length; j++) {
        if ((out[j]?.fromMinor ?? 0) <= (out[j - 1]?.fromMinor ?? 0)) {
          issues.push({ path: [...p, j, "from"], message: "steps must be listed from the lowest amount up" });
        }
      }
      return out;
    };
    const always: Predicate = () => true;
    switch (d.kind) {
      case "orderSteps":
        return {
          ...common,
          kind: d.kind,
          steps: steps(d.steps, [...path, "steps"]),
          lines: cond(d.lines, [...path, "lines"]),
        };
      case "volumeBands": {
        const bands = d.bands.map((b, j) => ({
          fromUnitMilli: b.fromUnit * 1000,
          ratePpm: pct(b.rate, [...path, "bands", j, "rate"]),
        }));
        for (let j = 1; j < bands.length; j++) {
          if ((bands[j]?.fromUnitMilli ?? 0) <= (bands[j - 1]?.fromUnitMilli ?? 0)) {
            issues.push({
              path: [...path, "bands", j, "fromUnit"],
              message: "bands must be listed from the lowest unit up",
            });
          }
        }
        return {
          ...common,
          kind: d.kind,
          lines: cond(d.lines, [...path, "lines"]) ?? always,
          per: d.per,
          period: d.period,
          bands,
        };
      }
      case "bundle":
        return {
          ...common,
          kind: d.kind,
          lines: cond(d.lines, [...path, "lines"]) ?? always,
          every: d.every,
          ratePpm: pct(d.rate, [...path, "rate"]),
        };
      case "stamps":
        return {
          ...common,
          kind: d.kind,
          lines: cond(d.lines, [...path, "lines"]) ?? always,
          stamps: d.stamps,
          ratePpm: pct(d.rate, [...path, "rate"]),
        };
      case "membership":
        return {
          ...common,
          kind: d.kind,
          sku: d.sku,
          days: d.days,
          lines: cond(d.lines, [...path, "lines"]) ?? always,
          ratePpm: pct(d.rate, [...path, "rate"]),
        };
      case "code": {
        const validFrom = d.validFrom ? day(d.validFrom, [...path, "validFrom"]) : startsOn;
        let validTo = d.validTo ? day(d.validTo, [...path, "validTo"]) : null;
        if (d.validDays !== undefined) {
          const byDays = validFrom + d.validDays - 1;
          validTo = validTo === null ? byDays : Math.min(validTo, byDays);
        }
        return {
          ...common,
          kind: d.kind,
          code: d.code.toUpperCase(),
          validFrom,
          validTo,
          minGrossMinor: d.minGross === undefined ? 0 : money(d.minGross, [...path, "minGross"]),
          firstOrderOnly: d.firstOrderOnly,
          ratePpm: pct(d.rate, [...path, "rate"]),
          lines: cond(d.lines, [...path, "lines"]),
        };
      }
      case "referral":
        return {
          ...common,
          kind: d.kind,
          prefix: d.prefix.toUpperCase(),
          ratePpm: pct(d.rate, [...path, "rate"]),
          referrerPoints: d.referrerPoints,
          credit: d.credit,
        };
      case "individual": {
        const maxRatePpm = pct(d.maxRateWithoutApproval, [...path, "maxRateWithoutApproval"]);
        const grants = new Map<
          string,
          Extract<CompiledDiscount, { kind: "individual" }>["grants"] extends Map<string, infer V> ? V : never
        >();
        d.grants.forEach((g, j) => {
          const gp = [...path, "grants", j];
          const ratePpm = pct(g.rate, [...gp, "rate"]);
          if (ratePpm > maxRatePpm && !g.approvedBy) {
            issues.push({
              path: [...gp, "approvedBy"],
              message: `${g.rate} is above ${d.maxRateWithoutApproval}: it needs an approval (approvedBy)`,
            });
          }
          if (g.approvedBy && g.approvedBy === g.grantedBy) {
            issues.push({
              path: [...gp, "approvedBy"],
              message: "a grant cannot be approved by the person who granted it",
            });
          }
          const list = grants.get(g.companyId) ?? [];
          list.push({
            ratePpm,
            grantedBy: g.grantedBy,
            approvedBy: g.approvedBy ?? null,
            validFrom: g.validFrom ? day(g.validFrom, [...gp, "validFrom"]) : null,
            validTo: g.validTo ? day(g.validTo, [...gp, "validTo"]) : null,
            lines: cond(g.lines, [...gp, "lines"]),
          });
          grants.set(g.companyId, list);
        });
        return { ...common, kind: d.kind, maxRatePpm, grants };
      }
      case "lines":
        return {
          ...common,
          kind: d.kind,
          lines: cond(d.lines, [...path, "lines"]) ?? always,
          ratePpm: pct(d.rate, [...path, "rate"]),
        };
    }
  }

  const expiry = (e: ExpiryDef): CompiledExpiry => e;

  const offers = def.offers.map((o, i) => {
    uniqueId(o.id, ["offers", i, "id"]);
    return {
      id: o.id,
      lines: cond(o.lines, ["offers", i, "lines"]),
      when: cond(o.when, ["offers", i, "when"]) ?? (() => true),
      benefit: { code: o.benefit.code, quantity: o.benefit.quantity, unit: o.benefit.unit ?? null },
    };
  });

  const credits = def.credits.map((c, i) => {
    uniqueId(c.id, ["credits", i, "id"]);
    return {
      id: c.id,
      steps: c.steps.map((s, j) => ({
        fromMinor: money(s.from, ["credits", i, "steps", j, "from"]),
        ratePpm: pct(s.rate, ["credits", i, "steps", j, "rate"]),
      })),
      expiry: c.expiry ? expiry(c.expiry) : null,
      reversible: c.reversible,
    };
  });

  let partners: CompiledProgram["partners"] = null;
  if (def.coalition) {
    partners = new Map();
    for (const [i, p] of def.coalition.partners.entries()) {
      uniqueId(p.id, ["coalition", "partners", i, "id"]);
      partners.set(p.id, {
        rates: p.rates.map((r, j) => ({
          lines: cond(r.lines, ["coalition", "partners", i, "rates", j, "lines"]),
          ratePpm: pct(r.rate, ["coalition", "partners", i, "rates", j, "rate"]),
        })),
      });
    }
  }

  const campaigns = def.campaigns.map((c, i) => {
    uniqueId(c.id, ["campaigns", i, "id"]);
    const from = day(c.from, ["campaigns", i, "from"]);
    const to = day(c.to, ["campaigns", i, "to"]);
    if (to < from)
      issues.push({ path: ["campaigns", i, "to"], message: "the campaign ends before it starts" });
    const perMinor = money(c.score.per, ["campaigns", i, "score", "per"]);
    if (perMinor <= 0)
      issues.push({ path: ["campaigns", i, "score", "per"], message: "per must be more than zero" });
    return {
      id: c.id,
      from,
      to,
      points: c.score.points,
      perMinor,
      targetDefault: c.targets.default,
      targets: new Map(Object.entries(c.targets.byParticipant)),
      prizes: c.prizes,
    };
  });

  const rewards: CompiledProgram["rewards"] = new Map();
  for (const [i, r] of def.rewards.entries()) {
    uniqueId(r.id, ["rewards", i, "id"]);
    for (const [j, t] of (r.tiers ?? []).entries()) {
      if (!tierIds.has(t)) issues.push({ path: ["rewards", i, "tiers", j], message: `no tier level "${t}"` });
    }
    rewards.set(r.id, {
      name: r.name,
      kind: r.kind,
      pricePoints: r.pricePoints,
      tiers: r.tiers ? new Set(r.tiers) : null,
    });
  }
  const actions = def.actions.map((a, i) => {
    uniqueId(a.id, ["actions", i, "id"]);
    return {
      id: a.id,
      event: a.event,
      subject: a.subject ?? null,
      points: a.points,
      oncePerSubject: a.oncePerSubject,
    };
  });

  if (issues.length > 0) throw new ProgramError(issues);

  return {
    def,
    id: def.id,
    version: def.version,
    effectiveFrom,
    startsOn,
    currency: def.currency,
    digits,
    timeZone: def.timeZone,
    pointValueMinor,
    withoutVat: def.amounts === "withoutVat",
    wallet: { earner: def.wallet.earner, companyPpm, allowDebt: def.wallet.allowDebt },
    earning: {
      basis: def.earning?.basis ?? "net",
      baseRatePpm: def.earning?.baseRate ? (parsePercent(def.earning.baseRate) ?? 0) : 0,
      rules: earnRules,
      excludeCodes: new Set((def.earning?.excludeCodes ?? []).map((c) => c.toUpperCase())),
    },
    tiers,
    discounts,
    offers,
    credits,
    redemption: {
      capPpm: parsePercent(def.redemption.capShare) ?? 1_000_000,
      minimumPoints: def.redemption.minimumPoints,
      lines: cond(def.redemption.lines, ["redemption", "lines"]),
    },
    expiry: expiry(def.expiry),
    pending: def.pending,
    partners,
    campaigns,
    rewards,
    actions,
  };
}
