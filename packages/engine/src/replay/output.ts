// The shape of a replay's result: the public contract of `patron simulate --json`.
import type { Explanation } from "../types.ts";

export interface ReplayResult {
  asOf: string;
  orders: OrderOut[];
  returns: ReturnOut[];
  journal: JournalEntry[];
  members: MemberOut[];
  contacts: WalletOut[];
  campaigns: CampaignOut[];
  settlements: SettlementOut[];
  totals: TotalsOut;
}

export interface OrderOut {
  orderId: string;
  companyId: string;
  date: string;
  gross: string;
  discount: string;
  pointsRedeemed: number;
  net: string;
  pointsEarned: number;
  tier: string | null;
  version: number;
  effects: Explanation[];
}

export interface ReturnOut {
  orderId: string;
  companyId: string;
  date: string;
  refund: string;
  pointsReversed: number;
  pointsRefunded: number;
  effects: Explanation[];
}

export type JournalEntry = { date: string; type: string; companyId: string | null } & Record<
  string,
  string | number | boolean | null
>;

export interface Totals {
  balance: number;
  pending: number;
  earned: number;
  redeemed: number;
  refunded: number;
  expired: number;
  reversed: number;
}

export interface MemberOut extends Totals {
  companyId: string;
  tier: string | null;
  benefits: { code: string; quantity: number; unit: string | null; source: string; date: string | null }[];
}

export interface WalletOut extends Totals {
  id: string;
}

export interface TotalsOut extends Totals {
  liability: string;
  gross: string;
  discount: string;
  net: string;
  refund: string;
  orders: number;
  returns: number;
}

export interface CampaignOut {
  id: string;
  from: string;
  to: string;
  closed: boolean;
  leaderboard: {
    rank: number;
    participant: string;
    points: number;
    target: number;
    reachedTarget: boolean;
    prizes: string[];
  }[];
}

export interface SettlementOut {
  month: string;
  partnerId: string;
  pointsIssued: number;
  pointsRedeemed: number;
  /** Positive: the partner owes the coalition; negative: the coalition owes the partner. */
  balance: string;
}
