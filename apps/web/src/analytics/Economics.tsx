// The economics calculator (spec, mechanic 6): margin or markup, discount and bonus rates, tier designs and the
// redemption share (or breakage) in; each design's cost, share of the profit given up and break-even sales
// growth out, side by side. It runs the engine's own calculator in the browser (the figures of
// `patron economics`), again on every keystroke.
import type { Schemas } from "@patron/sdk";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import {
  type DesignReport,
  EconomicsError,
  type EconomicsReport,
  economics,
  parsePriceMinor,
  parseShare,
} from "../../../../packages/engine/src/economics.ts";
import { api } from "../api.ts";
import "../console/console.css";
import type { MessageKey } from "../i18n.tsx";
import { useI18n } from "../i18n.tsx";
import { Link, usePageTitle } from "../router.tsx";

type Basis = "margin" | "markup";
type PaidAs = "bonus" | "discount";

interface Inputs {
  price: string;
  basis: Basis;
  profit: string;
  discounts: string;
  bonuses: string;
  tiers: string;
  tiersPaidAs: PaidAs;
  redeemed: string;
  breakage: string;
}

/** The spec's worked example: price 9,000 at a 30% margin, a 5% discount beside a 5% bonus. */
const START: Inputs = {
  price: "9000",
  basis: "margin",
  profit: "30%",
  discounts: "5%",
  bonuses: "5%",
  tiers: "",
  tiersPaidAs: "bonus",
  redeemed: "100%",
  breakage: "0%",
};

type Field = "price" | "profit" | "discounts" | "bonuses" | "tiers" | "breakage" | "designs";

/** The engine names the input it refused; the form shows a translated reason next to that input. */
function refusal(e: EconomicsError): { field: Field; message: MessageKey } {
  const root = e.field.replace(/\[.*$/, "");
  const field: Field =
    root === "price" || root === "priceMinor"
      ? "price"
      : root === "margin" || root === "markup"
        ? "profit"
        : root === "discounts" || root === "bonuses" || root === "tiers" || root === "breakage"
          ? root
          : "designs";
  const r = e.reason;
  let message: MessageKey = "econ.err.share";
  if (field === "price") message = "econ.err.price";
  else if (field === "designs") message = "econ.err.designs";
  else if (/at most|a tier design has/.test(r)) message = "econ.err.tooMany";
  else if (/add up/.test(r)) message = "econ.err.tiersSum";
  else if (/share:rate/.test(r)) message = "econ.err.tiersFormat";
  else if (/leaves no profit/.test(r)) message = "econ.err.zero";
  else if (/above 100%|below 0%/.test(r)) message = "econ.err.range";
  return { field, message };
}

const list = (text: string, sep: string) =>
  text
    .split(sep)
    .map((s) => s.trim())
    .filter((s) => s !== "");

function calculate(v: Inputs): { report: EconomicsReport } | { field: Field; message: MessageKey } {
  try {
    const report = economics({
      priceMinor: parsePriceMinor(v.price.trim(), 2),
      ...(v.basis === "margin" ? { margin: v.profit } : { markup: v.profit }),
      discounts: list(v.discounts, ","),
      bonuses: list(v.bonuses, ","),
      tiers: list(v.tiers, ";").map((design, i) => {
        const levels = design.split(",").map((part) => {
          const pair = part.split(":");
          if (pair.length !== 2) throw new EconomicsError(`tiers[${i}]`, "must be written share:rate");
          return { share: pair[0] ?? "", rate: pair[1] ?? "" };
        });
        return { levels, paidAs: v.tiersPaidAs };
      }),
      breakage: v.breakage.trim() === "" ? "0%" : v.breakage,
    });
    return { report };
  } catch (e) {
    if (e instanceof EconomicsError) return refusal(e);
    throw e;
  }
}

/** 100% minus a share, written as a percent with up to 2 decimals; null when the text is not a share. */
function complement(text: string): string | null {
  try {
    const s = parseShare(text.trim() === "" ? "0%" : text);
    if (s.num > s.den) return null;
    const hundredths = Number(((s.den - s.num) * 10_000n) / s.den);
    return `${Number((hundredths / 100).toFixed(2))}%`;
  } catch {
    return null;
  }
}

export default function Economics() {
  const i18n = useI18n();
  const { t } = i18n;
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t("econ.title"), heading);
  const id = useId();
  const [v, setV] = useState<Inputs>(START);
  const [programBreakage, setProgramBreakage] = useState<number | null>(null);
  const result = useMemo(() => calculate(v), [v]);

  useEffect(() => {
    let live = true;
    api.GET("/v1/analytics/metrics", { params: { query: {} } }).then((r) => {
      const m = (r.data as Schemas["Metrics"] | undefined)?.metrics.find((x) => x.key === "breakage");
      const b = m?.values.participants;
      if (live && typeof b === "number") setProgramBreakage(b);
    });
    return () => {
      live = false;
    };
  }, []);

  const set = (patch: Partial<Inputs>) => setV((old) => ({ ...old, ...patch }));
  const setRedeemed = (redeemed: string) => set({ redeemed, breakage: complement(redeemed) ?? v.breakage });
  const setBreakage = (breakage: string) => set({ breakage, redeemed: complement(breakage) ?? v.redeemed });

  const pct = (text: string) =>
    `${new Intl.NumberFormat(i18n.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Number(text))}%`;
  const money = (text: string) =>
    new Intl.NumberFormat(i18n.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
      text as `${number}`,
    );
  const error = "report" in result ? null : result;
  const errorFor = (field: Field) => (error?.field === field ? t(error.message) : null);

  const input = (
    field: Exclude<Field, "designs">,
    key: keyof Inputs,
    label: MessageKey,
    hint: MessageKey,
  ) => {
    const message = errorFor(field);
    const fid = `${id}-${key}`;
    return (
      <div className="field">
        <label htmlFor={fid}>{t(label)}</label>
        <input
          id={fid}
          name={key}
          value={v[key]}
          inputMode={key === "tiers" ? "text" : "decimal"}
          aria-invalid={message !== null}
          aria-describedby={message !== null ? `${fid}-err` : `${fid}-hint`}
          onChange={(e) =>
            key === "breakage"
              ? setBreakage(e.target.value)
              : set({ [key]: e.target.value } as Partial<Inputs>)
          }
        />
        {message !== null ? (
          <small id={`${fid}-err`} className="field-error" role="alert">
            {message}
          </small>
        ) : (
          <small id={`${fid}-hint`} className="muted">
            {t(hint)}
          </small>
        )}
      </div>
    );
  };

  const designName = (d: DesignReport) =>
    t(`econ.kind.${d.kind}` as MessageKey, { rate: pct(d.ratePercent) });
  const report = "report" in result ? result.report : null;
  const rows: { key: string; label: MessageKey; cell: (d: DesignReport) => string }[] = [
    {
      key: "paid-as",
      label: "econ.paidAs",
      cell: (d) => t(d.paidAs === "bonus" ? "econ.paidBonus" : "econ.paidDiscount"),
    },
    { key: "rate", label: "econ.rate", cell: (d) => pct(d.ratePercent) },
    { key: "cost", label: "econ.costPerSale", cell: (d) => money(d.costPerSale) },
    { key: "profit-after", label: "econ.profitAfter", cell: (d) => money(d.profitPerSaleAfter) },
    { key: "share", label: "econ.shareOfProfit", cell: (d) => pct(d.shareOfProfitPercent) },
    {
      key: "growth",
      label: "econ.breakEven",
      cell: (d) => (d.breakEvenGrowthPercent === null ? t("econ.never") : pct(d.breakEvenGrowthPercent)),
    },
    { key: "long-run", label: "econ.longRun", cell: (d) => pct(d.longRunShareOfProfitPercent) },
    {
      key: "cycle",
      label: "econ.cycle",
      cell: (d) =>
        d.bonusCycle
          ? t("econ.cycleText", { cost: money(d.bonusCycle.cost), profit: money(d.bonusCycle.profitBefore) })
          : t("econ.none"),
    },
  ];
  const notes = report?.designs.flatMap((d) => d.articleNotes.map((n) => ({ d, n }))) ?? [];
  const redeemedOf = (r: EconomicsReport) => complement(`${r.breakagePercent}%`) ?? "";

  return (
    <section className="page wide">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {t("econ.title")}
        </h1>
      </div>
      <p className="muted">{t("econ.lead")}</p>
      <div className="econ">
        <form className="card econ-inputs" onSubmit={(e) => e.preventDefault()} aria-label={t("econ.inputs")}>
          <h2>{t("econ.inputs")}</h2>
          {input("price", "price", "econ.price", "econ.priceHint")}
          <fieldset className="field">
            <legend>{t("econ.basis")}</legend>
            {(["margin", "markup"] as const).map((b) => (
              <label key={b} className="choice">
                <input
                  type="radio"
                  name="basis"
                  value={b}
                  checked={v.basis === b}
                  onChange={() => set({ basis: b })}
                />{" "}
                {t(`econ.${b}`)}
              </label>
            ))}
          </fieldset>
          {input("profit", "profit", v.basis === "margin" ? "econ.margin" : "econ.markup", "econ.shareHint")}
          {input("discounts", "discounts", "econ.discounts", "econ.discountsHint")}
          {input("bonuses", "bonuses", "econ.bonuses", "econ.bonusesHint")}
          {input("tiers", "tiers", "econ.tiers", "econ.tiersHint")}
          <div className="field">
            <label htmlFor={`${id}-paid`}>{t("econ.tiersPaidAs")}</label>
            <select
              id={`${id}-paid`}
              value={v.tiersPaidAs}
              onChange={(e) => set({ tiersPaidAs: e.target.value as PaidAs })}
            >
              <option value="bonus">{t("econ.paidBonus")}</option>
              <option value="discount">{t("econ.paidDiscount")}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-redeemed`}>{t("econ.redeemed")}</label>
            <input
              id={`${id}-redeemed`}
              name="redeemed"
              value={v.redeemed}
              inputMode="decimal"
              aria-describedby={`${id}-redeemed-hint`}
              onChange={(e) => setRedeemed(e.target.value)}
            />
            <small id={`${id}-redeemed-hint`} className="muted">
              {t("econ.redeemedHint")}
            </small>
          </div>
          {input("breakage", "breakage", "econ.breakage", "econ.breakageHint")}
          {programBreakage !== null && (
            <button
              type="button"
              onClick={() => setBreakage(`${Number((programBreakage * 100).toFixed(2))}%`)}
            >
              {t("econ.useProgram", {
                share: new Intl.NumberFormat(i18n.locale, {
                  style: "percent",
                  maximumFractionDigits: 2,
                }).format(programBreakage),
              })}
            </button>
          )}
        </form>
        <div className="econ-results">
          <h2>{t("econ.results")}</h2>
          {error?.field === "designs" && (
            <p className="alert error" role="alert">
              {t(error.message)}
            </p>
          )}
          {report && (
            <>
              <p data-testid="econ-summary">
                {report.markupPercent === null
                  ? t("econ.summaryNoMarkup", {
                      price: money(report.price),
                      margin: pct(report.marginPercent),
                      redeemed: redeemedOf(report),
                      profit: money(report.profitPerSale),
                    })
                  : t("econ.summary", {
                      price: money(report.price),
                      margin: pct(report.marginPercent),
                      markup: pct(report.markupPercent),
                      redeemed: redeemedOf(report),
                      profit: money(report.profitPerSale),
                    })}
              </p>
              <div className="table-wrap">
                <table data-testid="econ-table" aria-live="polite">
                  <thead>
                    <tr>
                      <th scope="col">{t("econ.design")}</th>
                      {report.designs.map((d, k) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: designs are shown in input order
                        <th scope="col" className="num" key={k}>
                          {designName(d)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.key} data-row={r.key}>
                        <th scope="row">{t(r.label)}</th>
                        {report.designs.map((d, k) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: designs are shown in input order
                          <td className="num" key={k}>
                            {r.cell(d)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {notes.length > 0 && (
                <>
                  <h3>{t("econ.notes")}</h3>
                  <ul data-testid="econ-notes">
                    {notes.map(({ d, n }, k) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: notes follow the designs
                      <li key={k} title={n.note}>
                        {t("econ.note", { design: designName(d), article: n.article, ours: n.ours })}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <p className="muted small">{t("econ.explain")}</p>
            </>
          )}
          <p className="small">
            <Link href="/analytics/metrics">{t("nav.metrics")}</Link>
          </p>
        </div>
      </div>
    </section>
  );
}
