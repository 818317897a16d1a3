// A draft's simulation beside the published version, as the program editor and the what-if page show it: a row
// a measure (points, money, the program's cost) or a tier, the draft, the published and the difference.
import type { Schemas } from "@patron/sdk";
import type { ReactNode } from "react";
import { type MessageKey, useI18n } from "../i18n.tsx";
import { TableHead } from "../ui/table.tsx";
import { decimal, signedPoints } from "./format.ts";

type Simulation = Schemas["Simulation"];
type Side = Simulation["draft"];

export const POINT_TOTALS = ["earned", "redeemed", "expired", "reversed", "balance", "pending"] as const;
export const MONEY_TOTALS = ["gross", "discount", "net", "liability"] as const;
/** A row of the comparison: a total, or the program's cost. */
export type Measure = (typeof POINT_TOTALS)[number] | (typeof MONEY_TOTALS)[number] | "cost";

interface Row {
  key: string;
  /** The row's data attribute: what it measures, or which tier. */
  data: { "data-measure": string } | { "data-tier": string };
  label: ReactNode;
  draft: ReactNode;
  published: ReactNode;
  difference: ReactNode;
  differenceClass: string;
}

const tone = (v: string | number | undefined) =>
  Number(v) > 0 ? "num pos" : Number(v) < 0 ? "num neg" : "num";

/** The comparison rows of a simulation; money in `currency` when the program names one. */
export function useComparison(result: Simulation, currency?: string) {
  const i18n = useI18n();
  const { t } = i18n;
  const pub = result.published;
  const money = (v: string | number | undefined) => (v === undefined ? "—" : decimal(i18n, v, currency));
  const signedMoney = (v: string | number | undefined) => {
    if (v === undefined) return "—";
    const text = money(v);
    return Number(v) > 0 ? `+${text}` : text;
  };
  const value = (side: Side, k: Measure) => (k === "cost" ? side.cost : side.totals[k]);
  const isPoints = (k: Measure): k is (typeof POINT_TOTALS)[number] =>
    (POINT_TOTALS as readonly string[]).includes(k);

  /** Rows for the measures; `toneMoney` colours money differences as it does points. */
  const measures = (keys: readonly Measure[], toneMoney: boolean): Row[] =>
    keys.map((k) => {
      const diff = result.difference?.[k];
      const show = (side: Side) => (isPoints(k) ? i18n.number(side.totals[k]) : money(value(side, k)));
      return {
        key: k,
        data: { "data-measure": k },
        label: k === "cost" ? t("whatif.cost") : t(`total.${k}` as MessageKey),
        draft: show(result.draft),
        published: pub ? show(pub) : "—",
        difference: isPoints(k)
          ? diff === undefined
            ? "—"
            : signedPoints(i18n, Number(diff))
          : signedMoney(diff),
        differenceClass: isPoints(k) || toneMoney ? tone(diff) : "num",
      };
    });

  /** Rows for every tier either version reaches. */
  const tiers = (): Row[] =>
    [...new Set([...Object.keys(result.draft.tiers), ...Object.keys(pub?.tiers ?? {})])].map((tier) => {
      const a = result.draft.tiers[tier] ?? 0;
      const b = pub?.tiers[tier] ?? 0;
      return {
        key: tier,
        data: { "data-tier": tier },
        label: tier,
        draft: i18n.number(a),
        published: pub ? i18n.number(b) : "—",
        difference: pub ? signedPoints(i18n, a - b) : "—",
        differenceClass: tone(a - b),
      };
    });
  return { measures, tiers };
}

/** The draft beside the published version, a row a measure; without the difference column if `difference` is false. */
export function ComparisonTable({
  head,
  rows,
  difference = true,
  className,
  testId,
}: {
  head: string;
  rows: Row[];
  difference?: boolean;
  className?: string;
  testId?: string;
}) {
  const { t } = useI18n();
  const columns = [
    head,
    { label: t("simulate.draft"), num: true },
    { label: t("simulate.published"), num: true },
    ...(difference ? [{ label: t("simulate.difference"), num: true }] : []),
  ];
  return (
    <table className={className} data-testid={testId}>
      <TableHead columns={columns} />
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} {...r.data}>
            <th scope="row">{r.label}</th>
            <td className="num">{r.draft}</td>
            <td className="num">{r.published}</td>
            {difference && <td className={r.differenceClass}>{r.difference}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
