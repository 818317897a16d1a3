// Replays order history through a program, day by day: each day's jobs (maturation, credits, expiry, tier
// setting, settlement, campaign close) run before that day's events, and events run in file order.
import { rankBoard } from "../campaigns.ts";
import type { CompiledExpiry, CompiledProgram, CompiledTiers } from "../compile.ts";
import { addMonthsStart, civilFromDay, type Day, formatDay, parseDay, periodStart } from "../dates.ts";
import { formatMinor, formatPercent, mulDivFloor, PPM } from "../money.ts";
import { type Benefit, evaluateOrder, expiryDay, type MemberReader, type OrderOutcome } from "../pricing.ts";
import { evaluateReturn, newReturnProgress, ReturnError, type ReturnProgress } from "../returns.ts";
import { isSettingDay, levelBelow, levelFor, levelIndex, qualifyingWindow } from "../tiers.ts";
import type { MemberProfile, OrderEvent, ReturnEvent } from "../types.ts";
import { type Consumed, Wallet } from "../wallet.ts";
import { eventsFromRows, ReplayError, type ReplayEvent } from "./events.ts";
import { type HistoryArrays, newHistory, record, sumBetween } from "./history.ts";
import type { CompanyRow, OrderRow } from "./input.ts";
import type {
  CampaignOut,
  JournalEntry,
  MemberOut,
  OrderOut,
  ReplayResult,
  ReturnOut,
  SettlementOut,
  Totals,
  WalletOut,
} from "./output.ts";

export {
  EventAssembler,
  type EventPlan,
  EventPlanner,
  eventsFromRows,
  ReplayError,
  type ReplayEvent,
} from "./events.ts";
export type * from "./output.ts";

export interface ReplayOptions {
  /** The last day to replay (ISO date); defaults to the last event's day. */
  asOf?: string;
  onProgress?: (done: number, total: number) => void;
}

interface Qualifier {
  key: string;
  members: string[];
  tier: string;
  history: HistoryArrays;
  lastOrderDay: Day | null;
  pendingDrop: { tier: string; on: Day } | null;
  /** The day the current level was reached (null: held since the member appeared). */
  since: Day | null;
}

interface Member {
  profile: MemberProfile;
  enrolledOn: Day | null;
  qualifier: Qualifier | null;
  history: HistoryArrays;
  orderCount: number;
  wallet: Wallet;
  bandUnits: Map<string, number>;
  stamps: Map<string, number>;
  membershipEnd: Map<string, Day>;
  benefits: MemberOut["benefits"];
}

interface StoredOrder {
  outcome: OrderOutcome;
  /** Made on the order's first return. */
  progress: ReturnProgress | null;
  consumed: Consumed[];
  fileLine: number;
}

/** Replays events through program versions (sorted by effective date; the first applies to earlier days too). */
export function replay(
  versions: readonly CompiledProgram[],
  rows: readonly OrderRow[],
  companies: readonly CompanyRow[],
  opts: ReplayOptions = {},
): ReplayResult {
  const programs = [...versions].sort((a, b) => a.effectiveFrom - b.effectiveFrom);
  const first = programs[0];
  if (!first) throw new Error("replay needs at least one program");
  const tz = first.timeZone;
  const digits = first.digits;
  const pointValueMinor = first.pointValueMinor;
  const money = (m: number | bigint) => formatMinor(m, digits);
  const programAt = (day: Day): CompiledProgram => {
    let p = first;
    for (const x of programs) if (x.effectiveFrom <= day) p = x;
    return p;
  };

  const events = eventsFromRows(rows, tz);
  const lastDay = events.length > 0 ? (events[events.length - 1] as ReplayEvent).ev.day : first.startsOn;
  let asOf = lastDay;
  if (opts.asOf !== undefined) {
    const d = parseDay(opts.asOf);
    if (d === null) throw new ReplayError(0, "as-of", `"${opts.asOf}" is not a date (YYYY-MM-DD)`);
    asOf = d;
    const late = events.find((e) => e.ev.day > asOf);
    if (late) {
      throw new ReplayError(late.line, "date", `the event is dated after --as-of ${opts.asOf}`);
    }
  }

  // ---- Members ----------------------------------------------------------------------------------------------
  const members = new Map<string, Member>();
  const memberOrder: string[] = [];
  const caseless = new Map<string, string>();
  const companyRows = new Map<string, CompanyRow>();
  for (const c of companies) companyRows.set(c.companyId, c);
  const qualifiers = new Map<string, Qualifier>();
  const wallets = new Map<string, Wallet>();
  const contactWallets = new Map<string, Wallet>();

  const rootOf = (id: string): string => {
    let cur = id;
    for (let hops = 0; hops < 32; hops++) {
      const parent = companyRows.get(cur)?.parentId;
      if (!parent || parent === cur) return cur;
      cur = parent;
    }
    return cur;
  };

  function qualifierFor(id: string, p: CompiledProgram, day: Day): Qualifier | null {
    const t = p.tiers;
    if (!t) return null;
    const key = t.pool === "parent" ? rootOf(id) : id;
    let q = qualifiers.get(key);
    if (!q) {
      q = {
        key,
        members: [],
        tier: t.initial,
        history: newHistory(),
        lastOrderDay: null,
        pendingDrop: null,
        since: null,
      };
      qualifiers.set(key, q);
      void day;
    }
    q.members.push(id);
    return q;
  }

  function memberFor(id: string, day: Day): Member {
    let m = members.get(id);
    if (m) return m;
    const row = companyRows.get(id);
    const joined = row?.joinedOn ? parseDay(row.joinedOn) : null;
    const enrolled = row?.enrolledOn ? parseDay(row.enrolledOn) : null;
    const wallet = new Wallet();
    m = {
      profile: {
        id,
        segment: row?.segment ?? null,
        region: row?.region ?? null,
        parentId: row?.parentId ?? null,
        taxId: row?.taxId ?? null,
        joinedOn: joined,
      },
      enrolledOn: enrolled,
      qualifier: qualifierFor(id, programAt(day), day),
      history: newHistory(),
      orderCount: 0,
      wallet,
      bandUnits: new Map(),
      stamps: new Map(),
      membershipEnd: new Map(),
      benefits: [],
    };
    members.set(id, m);
    wallets.set(id, wallet);
    memberOrder.push(id);
    caseless.set(id.toUpperCase(), id);
    return m;
  }

  // Companies from the companies file exist from the start; others from their first event.
  const startDay = Math.min(events[0]?.ev.day ?? asOf, asOf);
  // Referral codes may name any company of either file (a referrer need not have bought yet).
  for (const e of events) if (e.kind === "order") caseless.set(e.ev.companyId.toUpperCase(), e.ev.companyId);
  for (const c of companies) memberFor(c.companyId, startDay);

  // One reader per member, made once: its getters read the member's state as it is now.
  const readers = new WeakMap<Member, MemberReader>();
  const reader = (m: Member): MemberReader => {
    let r = readers.get(m);
    if (!r) {
      r = {
        profile: m.profile,
        get tier() {
          return m.qualifier?.tier ?? null;
        },
        get orderCount() {
          return m.orderCount;
        },
        get balance() {
          return m.wallet.balance;
        },
        ordersInWindow: (day, days) => sumBetween(m.history, "orders", day - days, day - 1),
        purchasesInWindow: (day, days) => sumBetween(m.history, "net", day - days, day - 1),
        stamps: (rule) => m.stamps.get(rule) ?? 0,
        bandUnits: (key) => m.bandUnits.get(key) ?? 0,
        membershipEnd: (rule) => m.membershipEnd.get(rule) ?? null,
        findCompany: (id) => caseless.get(id.toUpperCase()) ?? null,
      };
      readers.set(m, r);
    }
    return r;
  };

  // ---- Agenda: per-day work scheduled by events ----------------------------------------------------------
  const agenda = new Map<Day, Set<string>>();
  const schedule = (day: Day, task: string) => {
    if (day > asOf) return;
    let s = agenda.get(day);
    if (!s) {
      s = new Set();
      agenda.set(day, s);
    }
    s.add(task);
  };

  const journal: JournalEntry[] = [];
  const orderOut: OrderOut[] = [];
  const returnOut: ReturnOut[] = [];
  const stored = new Map<string, StoredOrder>();
  const settlement = new Map<string, { issued: number; redeemed: number }>();
  const campaignScores = new Map<string, Map<string, number>>();
  const closedCampaigns = new Set<string>();
  const campaignPrizes = new Map<string, Map<string, string[]>>();

  const addSettlement = (day: Day, partner: string, issued: number, redeemed: number) => {
    const key = `${formatDay(periodStart(day, "month")).slice(0, 7)}\u0000${partner}`;
    const s = settlement.get(key) ?? { issued: 0, redeemed: 0 };
    s.issued += issued;
    s.redeemed += redeemed;
    settlement.set(key, s);
  };

  function setTier(q: Qualifier, tier: string, day: Day, reason: string): void {
    if (q.tier === tier) return;
    for (const id of q.members) {
      journal.push({
        date: formatDay(day),
        type: "tierChange",
        companyId: id,
        from: q.tier,
        to: tier,
        reason,
      });
      const level = programAt(day).tiers?.levels.find((l) => l.id === tier);
      for (const b of level?.benefits ?? []) {
        journal.push({
          date: formatDay(day),
          type: "benefit",
          companyId: id,
          benefit: b,
          quantity: 1,
          unit: null,
          rule: `tier:${tier}`,
        });
      }
    }
    q.tier = tier;
    q.since = day;
  }

  /** Sets a qualifier's level from its window as of `day` (grace applies to drops). */
  function evaluateTier(q: Qualifier, t: CompiledTiers, day: Day): void {
    const { from, to } = qualifyingWindow(t, day);
    const amount = sumBetween(q.history, t.metric === "netPurchases" ? "net" : "points", from, to);
    const target = levelFor(t, amount);
    const cur = levelIndex(t, q.tier);
    const next = levelIndex(t, target);
    if (next >= cur || t.graceDays === 0 || cur < 0) {
      q.pendingDrop = null;
      setTier(q, target, day, "evaluation");
      return;
    }
    if (q.pendingDrop && q.pendingDrop.on <= day) {
      q.pendingDrop = null;
      setTier(q, target, day, "graceEnded");
      return;
    }
    if (!q.pendingDrop) {
      q.pendingDrop = { tier: target, on: day + t.graceDays };
      schedule(day + t.graceDays, `tier:${q.key}`);
    }
  }

  function runDayJobs(day: Day): void {
    const p = programAt(day);
    const tasks = agenda.get(day);
    agenda.delete(day);
    // 1. Maturation of pending points.
    if (tasks) {
      for (const task of tasks) {
        if (task.startsWith("mature:")) {
          const w = walletByKey(task.slice(7));
          const pts = w.mature(day);
          if (pts > 0)
            journal.push({
              date: formatDay(day),
              type: "matured",
              companyId: companyOfWallet(task.slice(7)),
              points: pts,
            });
        }
      }
    }
    // 2. Credits from last month's purchases.
    const { d } = civilFromDay(day);
    if (d === 1 && p.credits.length > 0) {
      const from = addMonthsStart(day, -1);
      for (const id of memberOrder) {
        const m = members.get(id) as Member;
        const net = sumBetween(m.history, "net", from, day - 1);
        if (net <= 0) continue;
        for (const c of p.credits) {
          let step: (typeof c.steps)[number] | null = null;
          for (const s of c.steps) if (net >= s.fromMinor) step = s;
          if (!step) continue;
          const pts = mulDivFloor(net, step.ratePpm, PPM * p.pointValueMinor);
          if (pts <= 0) continue;
          const expiresOn = expiryDay(c.expiry ?? p.expiry, day);
          m.wallet.grant(pts, day, expiresOn);
          if (expiresOn !== null) schedule(expiresOn + 1, `expire:${id}`);
          journal.push({
            date: formatDay(day),
            type: "credit",
            companyId: id,
            rule: c.id,
            basis: money(net),
            rate: formatPercent(step.ratePpm),
            points: pts,
            expiresOn: expiresOn === null ? null : formatDay(expiresOn),
          });
        }
      }
    }
    // 3. Expiry.
    if (tasks) {
      for (const task of tasks) {
        if (!task.startsWith("expire:")) continue;
        const key = task.slice(7);
        const pts = walletByKey(key).expire(day);
        if (pts > 0)
          journal.push({
            date: formatDay(day),
            type: "expiry",
            companyId: companyOfWallet(key),
            wallet: key,
            points: pts,
          });
      }
    }
    // 4. Tiers: scheduled setting, rolling re-evaluation, grace, inactivity.
    const t = p.tiers;
    if (t) {
      const setting = isSettingDay(t, day);
      if (setting) for (const q of qualifiers.values()) evaluateTier(q, t, day);
      if (tasks) {
        for (const task of tasks) {
          if (task.startsWith("tier:") && !setting) {
            const q = qualifiers.get(task.slice(5));
            if (q && (t.evaluation === "daily" || q.pendingDrop)) evaluateTier(q, t, day);
          } else if (task.startsWith("inactive:")) {
            const [, key, lastDay] = task.split(":");
            const q = qualifiers.get(key ?? "");
            if (!q || q.lastOrderDay !== Number(lastDay) || t.inactivityDays === null) continue;
            if (!setting) setTier(q, levelBelow(t, q.tier), day, "inactivity");
            if (t.repeatDays !== null) schedule(day + t.repeatDays, task);
          }
        }
      }
    }
    // 5. Coalition settlement for last month, on the 1st.
    if (d === 1 && p.partners) {
      const month = formatDay(addMonthsStart(day, -1)).slice(0, 7);
      for (const [key, s] of settlement) {
        const [m, partner] = key.split("\u0000");
        if (m !== month) continue;
        journal.push({
          date: formatDay(day),
          type: "settlement",
          companyId: null,
          month,
          partnerId: partner ?? "",
          pointsIssued: s.issued,
          pointsRedeemed: s.redeemed,
          balance: money((s.issued - s.redeemed) * pointValueMinor),
        });
      }
    }
    // 6. Campaigns that ended yesterday: prizes.
    for (const c of p.campaigns) {
      if (c.to + 1 !== day || closedCampaigns.has(c.id)) continue;
      closeCampaign(c, day);
    }
  }

  function closeCampaign(c: CompiledProgram["campaigns"][number], day: Day): void {
    closedCampaigns.add(c.id);
    const board = leaderboard(c);
    const prizes = new Map<string, string[]>();
    for (const row of board) {
      const won: string[] = [];
      for (const prize of c.prizes) {
        if ("top" in prize ? row.rank <= prize.top : row.reachedTarget) won.push(prize.benefit);
      }
      prizes.set(row.participant, won);
      for (const b of won) {
        journal.push({
          date: formatDay(day),
          type: "benefit",
          companyId: null,
          participant: row.participant,
          campaign: c.id,
          benefit: b,
          rank: row.rank,
          points: row.points,
        });
      }
    }
    campaignPrizes.set(c.id, prizes);
  }

  function leaderboard(c: CompiledProgram["campaigns"][number]): CampaignOut["leaderboard"] {
    const scores = campaignScores.get(c.id) ?? new Map<string, number>();
    const rows = [...scores.entries()].map(([participant, points]) => ({
      participant,
      score: points,
      target: c.targets.get(participant) ?? c.targetDefault,
    }));
    return rankBoard(rows).map((r) => ({
      rank: r.rank,
      participant: r.participant,
      points: r.score,
      target: r.target,
      reachedTarget: r.reachedTarget,
      prizes: campaignPrizes.get(c.id)?.get(r.participant) ?? [],
    }));
  }

  function walletByKey(key: string): Wallet {
    if (key.startsWith("contact:")) return contactWallets.get(key.slice(8)) as Wallet;
    if (key.startsWith("rep:")) return contactWallets.get(key) as Wallet;
    return wallets.get(key) as Wallet;
  }

  function companyOfWallet(key: string): string | null {
    return key.startsWith("contact:") || key.startsWith("rep:") ? null : key;
  }

  function contactWallet(id: string): Wallet {
    let w = contactWallets.get(id);
    if (!w) {
      w = new Wallet();
      contactWallets.set(id, w);
    }
    return w;
  }

  /** Posts earned points to a wallet: available now or pending until a later day. */
  function postEarned(
    walletKey: string,
    w: Wallet,
    policy: CompiledExpiry,
    points: number,
    source: string,
    day: Day,
    availableOn: Day | null,
  ): void {
    if (points <= 0) return;
    if (availableOn !== null && availableOn <= day) {
      const exp = expiryDay(policy, day);
      w.grant(points, day, exp);
      if (exp !== null) schedule(exp + 1, `expire:${walletKey}`);
      return;
    }
    w.addPending({ source, points, availableOn, expiresOn: (d) => expiryDay(policy, d) });
    if (availableOn !== null) {
      schedule(availableOn, `mature:${walletKey}`);
      const exp = expiryDay(policy, availableOn);
      if (exp !== null) schedule(exp + 1, `expire:${walletKey}`);
    }
  }

  // ---- Events -----------------------------------------------------------------------------------------------
  function onOrder(ev: OrderEvent, line: number): void {
    if (stored.has(ev.orderId)) throw new ReplayError(line, "order_id", `order ${ev.orderId} appears twice`);
    const p = programAt(ev.day);
    const m = memberFor(ev.companyId, ev.day);
    if (m.profile.joinedOn === null) m.profile.joinedOn = ev.day;
    const enrolled = m.enrolledOn === null || ev.day >= m.enrolledOn;
    const outcome = enrolled ? evaluateOrder(p, reader(m), ev) : passThrough(p, m, ev);
    // State changes the engine proposed.
    for (const c of outcome.changes) {
      if (c.kind === "bandUnits") m.bandUnits.set(c.key, (m.bandUnits.get(c.key) ?? 0) + c.deltaMilli);
      else if (c.kind === "stamps") m.stamps.set(c.rule, c.count);
      else m.membershipEnd.set(c.rule, c.end);
    }
    const consumed = outcome.pointsRedeemed > 0 ? m.wallet.spend(outcome.pointsRedeemed) : [];
    const e = outcome.earned;
    for (const lot of e.lots) {
      const policy = lot.expiry ?? p.expiry;
      postEarned(ev.companyId, m.wallet, policy, lot.companyPoints, ev.orderId, ev.day, e.availableOn);
      if (lot.contactPoints > 0 && ev.contactId) {
        const key = `contact:${ev.contactId}`;
        postEarned(
          key,
          contactWallet(ev.contactId),
          policy,
          lot.contactPoints,
          ev.orderId,
          ev.day,
          e.availableOn,
        );
      }
    }
    for (const b of outcome.benefits) addBenefit(m, b, ev.day);
    if (outcome.referral && outcome.referral.points > 0) {
      const ref = memberFor(outcome.referral.referrerId, ev.day);
      const when = outcome.referral.availableOn;
      // Credited at once, or pending until the referred order is paid and past its return window.
      postEarned(ref.profile.id, ref.wallet, p.expiry, outcome.referral.points, ev.orderId, ev.day, when);
      journal.push({
        date: formatDay(ev.day),
        type: "referralCredit",
        companyId: ref.profile.id,
        referred: ev.companyId,
        orderId: ev.orderId,
        points: outcome.referral.points,
      });
    }
    for (const s of outcome.campaignScores) {
      const board = campaignScores.get(s.campaign) ?? new Map<string, number>();
      board.set(s.participant, (board.get(s.participant) ?? 0) + s.points);
      campaignScores.set(s.campaign, board);
      const key = `rep:${s.participant}`;
      if (s.points > 0) contactWallet(key).grant(s.points, ev.day, null);
    }
    if (outcome.partnerId) addSettlement(ev.day, outcome.partnerId, e.points, outcome.pointsRedeemed);
    m.orderCount += 1;
    record(m.history, ev.day, outcome.netMinor, 1, e.points);
    touchQualifier(m, p, ev.day, outcome.netMinor, e.points, true);
    stored.set(ev.orderId, { outcome, progress: null, consumed, fileLine: line });
    orderOut.push({
      orderId: ev.orderId,
      companyId: ev.companyId,
      date: formatDay(ev.day),
      gross: money(outcome.grossMinor),
      discount: money(outcome.discountMinor),
      pointsRedeemed: outcome.pointsRedeemed,
      net: money(outcome.netMinor),
      pointsEarned: e.points,
      tier: outcome.tier,
      version: outcome.version,
      effects: outcome.effects,
    });
  }

  function touchQualifier(
    m: Member,
    p: CompiledProgram,
    day: Day,
    net: number,
    points: number,
    isOrder: boolean,
  ): void {
    const q = m.qualifier;
    const t = p.tiers;
    if (!q || !t) return;
    record(q.history, day, net, isOrder ? 1 : 0, points);
    if (t.evaluation === "daily" && "rollingDays" in t.window) {
      schedule(day + 1, `tier:${q.key}`);
      schedule(day + t.window.rollingDays + 1, `tier:${q.key}`);
    }
    if (isOrder) {
      q.lastOrderDay = day;
      if (t.inactivityDays !== null) schedule(day + t.inactivityDays, `inactive:${q.key}:${day}`);
    }
  }

  function addBenefit(m: Member, b: Benefit, day: Day): void {
    m.benefits.push({
      code: b.code,
      quantity: b.quantity,
      unit: b.unit,
      source: `offer:${b.rule}`,
      date: formatDay(day),
    });
    journal.push({
      date: formatDay(day),
      type: "benefit",
      companyId: m.profile.id,
      benefit: b.code,
      quantity: b.quantity,
      unit: b.unit,
      rule: b.rule,
    });
  }

  function passThrough(p: CompiledProgram, m: Member, ev: OrderEvent): OrderOutcome {
    // Before enrolment an order is tracked but earns and gets nothing.
    const none: CompiledProgram = {
      ...p,
      discounts: [],
      offers: [],
      campaigns: [],
      earning: { ...p.earning, baseRatePpm: 0, rules: [] },
      tiers: null,
      partners: null,
    };
    const out = evaluateOrder(none, reader(m), { ...ev, pointsToRedeem: 0, code: null });
    out.effects.unshift({
      code: "member.notEnrolled",
      version: p.version,
      params: { enrolledOn: m.enrolledOn === null ? null : formatDay(m.enrolledOn) },
    });
    return out;
  }

  function onReturn(ev: ReturnEvent, line: number, rows: { line: number; companyId: string }[]): void {
    const s = stored.get(ev.orderId);
    if (!s)
      throw new ReplayError(
        line,
        "order_id",
        `return for unknown order ${ev.orderId} (no order with that id on or before ${formatDay(ev.day)})`,
      );
    for (const r of rows) {
      if (r.companyId !== s.outcome.companyId) {
        throw new ReplayError(
          r.line,
          "company_id",
          `order ${ev.orderId} belongs to company ${s.outcome.companyId}, not ${r.companyId}`,
        );
      }
    }
    const p = programAt(ev.day);
    const m = members.get(s.outcome.companyId) as Member;
    let out: ReturnType<typeof evaluateReturn>;
    try {
      out = evaluateReturn(
        programAt(s.outcome.day),
        s.outcome,
        s.progress ?? newReturnProgress(s.outcome),
        ev,
        (rule) => m.stamps.get(rule) ?? 0,
      );
    } catch (e) {
      if (e instanceof ReturnError)
        throw new ReplayError(rows[e.lineIndex]?.line ?? line, e.field, e.message);
      throw e;
    }
    const returnedBefore = s.progress?.returnedNetMinor ?? 0;
    s.progress = out.progress;
    for (const c of out.changes) {
      if (c.kind === "bandUnits")
        m.bandUnits.set(c.key, Math.max(0, (m.bandUnits.get(c.key) ?? 0) + c.deltaMilli));
      else if (c.kind === "stamps") m.stamps.set(c.rule, c.count);
      else m.membershipEnd.set(c.rule, c.end);
    }
    if (out.pointsRefunded > 0) {
      // Points given back keep their lots' expiry: already past, they expire today; else on their day.
      let pastDue = false;
      for (const exp of m.wallet.refund(out.pointsRefunded, s.consumed)) {
        if (exp === null) continue;
        if (exp < ev.day) pastDue = true;
        else schedule(exp + 1, `expire:${m.profile.id}`);
      }
      if (pastDue) {
        const pts = m.wallet.expire(ev.day);
        if (pts > 0)
          journal.push({
            date: formatDay(ev.day),
            type: "expiry",
            companyId: m.profile.id,
            wallet: m.profile.id,
            points: pts,
          });
      }
    }
    const allowDebt = p.wallet.allowDebt;
    let reversed = 0;
    if (out.companyPointsReversed > 0)
      reversed += m.wallet.reverse(out.companyPointsReversed, ev.orderId, allowDebt);
    if (out.contactPointsReversed > 0 && s.outcome.contactId) {
      reversed += contactWallet(s.outcome.contactId).reverse(
        out.contactPointsReversed,
        ev.orderId,
        allowDebt,
      );
    }
    if (reversed < out.pointsReversed) {
      journal.push({
        date: formatDay(ev.day),
        type: "reversalShortfall",
        companyId: m.profile.id,
        orderId: ev.orderId,
        points: out.pointsReversed - reversed,
      });
    }
    for (const r of out.campaignReversals) {
      const board = campaignScores.get(r.campaign);
      if (board) board.set(r.participant, (board.get(r.participant) ?? 0) - r.points);
      contactWallet(`rep:${r.participant}`).reverse(r.points, ev.orderId, true);
    }
    const net = s.outcome.netMinor;
    if (returnedBefore < net && out.progress.returnedNetMinor >= net)
      reverseReferral(s.outcome, ev, out.effects);
    if (s.outcome.partnerId) addSettlement(ev.day, s.outcome.partnerId, -reversed, -out.pointsRefunded);
    record(m.history, ev.day, -out.refundMinor, 0, -reversed);
    touchQualifier(m, p, ev.day, -out.refundMinor, -reversed, false);
    returnOut.push({
      orderId: ev.orderId,
      companyId: m.profile.id,
      date: formatDay(ev.day),
      refund: money(out.refundMinor),
      pointsReversed: reversed,
      pointsRefunded: out.pointsRefunded,
      effects: out.effects,
    });
  }

  /**
   * Takes back what a referred order credited its referrer once the return completes that order: the referral
   * did not bring a client. What is still pending from the order goes first, then available points, then debt
   * where the program of the return's day allows it; a partial return keeps the credit (as the server does).
   */
  function reverseReferral(order: OrderOutcome, ev: ReturnEvent, effects: ReturnOut["effects"]): void {
    const referral = order.referral;
    if (!referral || referral.points <= 0) return;
    const p = programAt(ev.day);
    const ref = memberFor(referral.referrerId, ev.day);
    const taken = ref.wallet.reverse(referral.points, ev.orderId, p.wallet.allowDebt);
    if (taken === 0) return;
    effects.push({
      code: "referral.reversed",
      version: p.version,
      params: { referrer: referral.referrerId, points: taken },
    });
    journal.push({
      date: formatDay(ev.day),
      type: "referralReversed",
      companyId: referral.referrerId,
      referred: order.companyId,
      orderId: ev.orderId,
      points: taken,
    });
  }

  // ---- The day loop -----------------------------------------------------------------------------------------
  let next = 0;
  const total = events.length;
  const progressEvery = Math.max(1, Math.floor(total / 200));
  for (let day = startDay; day <= asOf; day++) {
    runDayJobs(day);
    while (next < total && (events[next] as ReplayEvent).ev.day === day) {
      const e = events[next] as ReplayEvent;
      if (e.kind === "order") onOrder(e.ev, e.line);
      else onReturn(e.ev, e.line, e.rows);
      next++;
      if (opts.onProgress && next % progressEvery === 0) opts.onProgress(next, total);
    }
  }
  opts.onProgress?.(total, total);

  // ---- Output -----------------------------------------------------------------------------------------------
  const pAsOf = programAt(asOf);
  const sum: Totals = {
    balance: 0,
    pending: 0,
    earned: 0,
    redeemed: 0,
    refunded: 0,
    expired: 0,
    reversed: 0,
  };
  const totalsOf = (w: Wallet): Totals => {
    w.check();
    const t = {
      balance: w.balance,
      pending: w.pending,
      earned: w.earned,
      redeemed: w.redeemed,
      refunded: w.refunded,
      expired: w.expired,
      reversed: w.reversed,
    };
    for (const k of Object.keys(sum) as (keyof Totals)[]) sum[k] += t[k];
    return t;
  };
  const memberOut: MemberOut[] = memberOrder.map((id) => {
    const m = members.get(id) as Member;
    const tier = m.qualifier?.tier ?? null;
    const level = tier !== null ? pAsOf.tiers?.levels.find((l) => l.id === tier) : undefined;
    const benefits = [
      ...(level?.benefits ?? []).map((code) => ({
        code,
        quantity: 1,
        unit: null,
        source: `tier:${tier}`,
        date: m.qualifier?.since == null ? null : formatDay(m.qualifier.since),
      })),
      ...m.benefits,
    ];
    return { companyId: id, tier, ...totalsOf(m.wallet), benefits };
  });
  const contactsOut: WalletOut[] = [...contactWallets.entries()].map(([id, w]) => ({ id, ...totalsOf(w) }));
  // Sums over all orders can pass 2^53 minor units: add them as bigint.
  let gross = 0n;
  let discount = 0n;
  let net = 0n;
  let refund = 0n;
  for (const s of stored.values()) {
    gross += BigInt(s.outcome.grossMinor);
    discount += BigInt(s.outcome.discountMinor);
    net += BigInt(s.outcome.netMinor);
    refund += BigInt(s.progress?.returnedNetMinor ?? 0);
  }
  const campaigns: CampaignOut[] = [];
  for (const p of programs) {
    for (const c of p.campaigns) {
      if (campaigns.some((x) => x.id === c.id)) continue;
      campaigns.push({
        id: c.id,
        from: formatDay(c.from),
        to: formatDay(c.to),
        closed: closedCampaigns.has(c.id),
        leaderboard: leaderboard(c),
      });
    }
  }
  const settlements: SettlementOut[] = [...settlement.entries()].map(([key, s]) => {
    const [month, partnerId] = key.split("\u0000");
    return {
      month: month ?? "",
      partnerId: partnerId ?? "",
      pointsIssued: s.issued,
      pointsRedeemed: s.redeemed,
      balance: money((s.issued - s.redeemed) * pointValueMinor),
    };
  });
  settlements.sort((a, b) =>
    a.month === b.month ? (a.partnerId < b.partnerId ? -1 : 1) : a.month < b.month ? -1 : 1,
  );

  return {
    asOf: formatDay(asOf),
    orders: orderOut,
    returns: returnOut,
    journal,
    members: memberOut,
    contacts: contactsOut,
    campaigns,
    settlements,
    totals: {
      ...sum,
      liability: money((sum.balance + sum.pending) * pointValueMinor),
      gross: money(gross),
      discount: money(discount),
      net: money(net),
      refund: money(refund),
      orders: orderOut.length,
      returns: returnOut.length,
    },
  };
}
