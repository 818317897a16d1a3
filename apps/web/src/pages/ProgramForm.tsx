// The form over the program's common mechanics: tiers, earning rates, order-amount steps, volume bands,
// redemption and expiry. It edits the parsed document at each field's path and hands the text back, so the
// raw editor shows the same program; whatever the form does not know stays in the text untouched.
import type { Schemas } from "@patron/sdk";
import { type ReactNode, useId, useMemo } from "react";
import {
  checkField,
  type FieldKind,
  fieldText,
  fieldValue,
  type ParsedProgram,
  type Path,
  parseProgram,
  pathText,
  valueAt,
  withItem,
  withValue,
} from "../console/programDoc.ts";
import { type MessageKey, useI18n } from "../i18n.tsx";

type Issue = Schemas["ProgramIssue"];

interface Props {
  text: string;
  editable: boolean;
  issues: Issue[];
  onChange(text: string): void;
}

interface Ctx extends Props {
  doc: ParsedProgram;
}

type Obj = Record<string, unknown>;
const asList = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const asObj = (v: unknown): Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {};

const NEW_TIERS = {
  metric: "netPurchases",
  window: { rollingDays: 365 },
  evaluation: "daily",
  levels: [{ id: "base", name: "Base", from: 0, earnRate: "1%" }],
};

export function ProgramForm(props: Props) {
  const { t } = useI18n();
  const doc = useMemo(() => parseProgram(props.text), [props.text]);
  if (!doc) {
    return (
      <p className="alert error" role="alert" data-testid="form-unparsed">
        {t("form.unparsed")}
      </p>
    );
  }
  const c: Ctx = { ...props, doc };
  return (
    <div className="program-form" data-testid="program-form">
      <Earning c={c} />
      <Tiers c={c} />
      <Discounts c={c} />
      <Redemption c={c} />
      <Expiry c={c} />
    </div>
  );
}

function Section({ title, lead, children }: { title: string; lead?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="card form-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {lead && <p className="muted small">{lead}</p>}
      {children}
    </section>
  );
}

/** One value of the document: its input, its check as typed, and the server's issue at the same path. */
function Field({
  c,
  path,
  label,
  kind,
  required = false,
  hint,
  hideLabel = false,
}: {
  c: Ctx;
  path: Path;
  label: string;
  kind: FieldKind;
  required?: boolean;
  hint?: string;
  hideLabel?: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const text = fieldText(valueAt(c.doc, path));
  const local = checkField(kind, text, required);
  const server = c.issues.find((i) => i.path === pathText(path));
  const message = local ? t(`form.err.${local}` as MessageKey) : (server?.message ?? null);
  return (
    <div className="field form-field">
      <label htmlFor={id} className={hideLabel ? "visually-hidden" : undefined}>
        {label}
      </label>
      <input
        id={id}
        value={text}
        readOnly={!c.editable}
        inputMode={
          kind === "int" || kind === "positiveInt" ? "numeric" : kind === "text" ? undefined : "decimal"
        }
        aria-invalid={message !== null}
        placeholder={hint}
        aria-describedby={message !== null ? `${id}-err` : undefined}
        data-path={pathText(path)}
        onChange={(e) => c.onChange(withValue(c.text, path, fieldValue(kind, e.target.value.trim())))}
      />
      {message !== null && (
        <small id={`${id}-err`} className="field-error" role="alert">
          {message}
        </small>
      )}
    </div>
  );
}

function Choice({
  c,
  path,
  label,
  options,
  value,
  onPick,
}: {
  c: Ctx;
  path: Path;
  label: string;
  options: readonly { value: string; label: string }[];
  value?: string;
  onPick?(value: string): void;
}) {
  const id = useId();
  const current = value ?? fieldText(valueAt(c.doc, path));
  return (
    <div className="field form-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={current}
        disabled={!c.editable}
        data-path={pathText(path)}
        onChange={(e) =>
          onPick ? onPick(e.target.value) : c.onChange(withValue(c.text, path, e.target.value || undefined))
        }
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function AddButton({ c, onClick, children }: { c: Ctx; onClick(): void; children: ReactNode }) {
  if (!c.editable) return null;
  return (
    <button type="button" className="small-button" onClick={onClick}>
      {children}
    </button>
  );
}

function RemoveButton({ c, path, label }: { c: Ctx; path: Path; label: string }) {
  if (!c.editable) return null;
  return (
    <button
      type="button"
      className="linkish danger"
      aria-label={label}
      title={label}
      onClick={() => c.onChange(withValue(c.text, path, undefined))}
    >
      ✕
    </button>
  );
}

function Earning({ c }: { c: Ctx }) {
  const { t } = useI18n();
  const rules = asList(valueAt(c.doc, ["earning", "rules"]));
  return (
    <Section title={t("form.earning")} lead={t("form.earningLead")}>
      <div className="form-row">
        <Field c={c} path={["earning", "baseRate"]} label={t("form.baseRate")} kind="percent" hint="1.5%" />
        <Choice
          c={c}
          path={["earning", "basis"]}
          label={t("form.basis")}
          options={[
            { value: "", label: t("form.default") },
            { value: "net", label: t("form.basis.net") },
            { value: "netBeforePoints", label: t("form.basis.netBeforePoints") },
          ]}
        />
      </div>
      {rules.length > 0 && (
        <>
          <h3 className="small-head">{t("form.rules")}</h3>
          <ul className="plain form-list">
            {rules.map((r, k) => {
              const effect = asObj(r.effect);
              const key = ["rate", "setRate", "multiply"].find((x) => x in effect);
              const id = String(r.id ?? k);
              return (
                <li key={id} className="form-row">
                  <code>{id}</code>
                  {key ? (
                    <Field
                      c={c}
                      path={["earning", "rules", k, "effect", key]}
                      label={t(`form.effect.${key}` as MessageKey, { id })}
                      kind={key === "multiply" ? "text" : "percent"}
                      required
                    />
                  ) : (
                    <span className="muted small">{t("form.advanced")}</span>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </Section>
  );
}

function Tiers({ c }: { c: Ctx }) {
  const { t } = useI18n();
  const tiers = valueAt(c.doc, ["tiers"]);
  if (tiers === undefined) {
    return (
      <Section title={t("form.tiers")} lead={t("form.tiersNone")}>
        <AddButton c={c} onClick={() => c.onChange(withValue(c.text, ["tiers"], NEW_TIERS))}>
          {t("form.addTiers")}
        </AddButton>
      </Section>
    );
  }
  const window = asObj(asObj(tiers).window);
  const windowKind = "previous" in window ? "previous" : "rollingDays";
  const levels = asList(asObj(tiers).levels);
  const metric = asObj(tiers).metric === "pointsEarned" ? "pointsEarned" : "netPurchases";
  return (
    <Section title={t("form.tiers")} lead={t("form.tiersLead")}>
      <div className="form-row">
        <Choice
          c={c}
          path={["tiers", "metric"]}
          label={t("form.metric")}
          options={[
            { value: "netPurchases", label: t("form.metric.netPurchases") },
            { value: "pointsEarned", label: t("form.metric.pointsEarned") },
          ]}
          value={metric}
        />
        <Choice
          c={c}
          path={["tiers", "window"]}
          label={t("form.window")}
          value={windowKind}
          options={[
            { value: "rollingDays", label: t("form.window.rolling") },
            { value: "previous", label: t("form.window.previous") },
          ]}
          onPick={(v) =>
            c.onChange(
              withValue(
                c.text,
                ["tiers", "window"],
                v === "previous" ? { previous: "year" } : { rollingDays: 365 },
              ),
            )
          }
        />
        {windowKind === "rollingDays" ? (
          <Field
            c={c}
            path={["tiers", "window", "rollingDays"]}
            label={t("form.window.days")}
            kind="positiveInt"
            required
          />
        ) : (
          <Choice
            c={c}
            path={["tiers", "window", "previous"]}
            label={t("form.window.period")}
            options={(["month", "quarter", "year"] as const).map((p) => ({
              value: p,
              label: t(`form.period.${p}` as MessageKey),
            }))}
          />
        )}
        <Choice
          c={c}
          path={["tiers", "evaluation"]}
          label={t("form.evaluation")}
          value={fieldText(asObj(tiers).evaluation) || "daily"}
          options={(["daily", "monthly", "quarterly", "yearly"] as const).map((p) => ({
            value: p,
            label: t(`form.evaluation.${p}` as MessageKey),
          }))}
        />
        <Field c={c} path={["tiers", "graceDays"]} label={t("form.graceDays")} kind="int" />
      </div>
      <table className="compact form-table" data-testid="tier-levels">
        <caption className="visually-hidden">{t("form.levels")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("form.level.id")}</th>
            <th scope="col">{t("form.level.name")}</th>
            <th scope="col">
              {metric === "netPurchases" ? t("form.level.fromMoney") : t("form.level.fromPoints")}
            </th>
            <th scope="col">{t("form.level.earnRate")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("form.remove")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {levels.map((l, k) => {
            const at = ["tiers", "levels", k];
            const name = fieldText(l.name) || fieldText(l.id) || String(k + 1);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: a level's place is what the form edits
              <tr key={k}>
                <td>
                  <Field
                    c={c}
                    path={[...at, "id"]}
                    label={t("form.level.idOf", { n: String(k + 1) })}
                    kind="id"
                    required
                    hideLabel
                  />
                </td>
                <td>
                  <Field
                    c={c}
                    path={[...at, "name"]}
                    label={t("form.level.nameOf", { n: String(k + 1) })}
                    kind="text"
                    hideLabel
                  />
                </td>
                <td>
                  <Field
                    c={c}
                    path={[...at, "from"]}
                    label={t("form.level.fromOf", { name })}
                    kind={metric === "netPurchases" ? "money" : "int"}
                    required
                    hideLabel
                  />
                </td>
                <td>
                  <Field
                    c={c}
                    path={[...at, "earnRate"]}
                    label={t("form.level.earnRateOf", { name })}
                    kind="percent"
                    hideLabel
                  />
                </td>
                <td>
                  {levels.length > 1 && (
                    <RemoveButton c={c} path={at} label={t("form.removeLevel", { name })} />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="form-actions">
        <AddButton
          c={c}
          onClick={() =>
            c.onChange(
              withItem(c.text, ["tiers", "levels"], {
                id: `level${levels.length + 1}`,
                from: nextThreshold(levels),
                earnRate: "1%",
              }),
            )
          }
        >
          {t("form.addLevel")}
        </AddButton>
        <AddButton c={c} onClick={() => c.onChange(withValue(c.text, ["tiers"], undefined))}>
          {t("form.removeTiers")}
        </AddButton>
      </div>
    </Section>
  );
}

function nextThreshold(levels: Obj[]): number {
  const last = Number(levels[levels.length - 1]?.from ?? 0);
  return Number.isFinite(last) ? Math.max(1, Math.ceil(last * 2)) : 1;
}

const KNOWN_KINDS = [
  "orderSteps",
  "volumeBands",
  "bundle",
  "stamps",
  "membership",
  "code",
  "referral",
  "individual",
  "lines",
];

function Discounts({ c }: { c: Ctx }) {
  const { t } = useI18n();
  const discounts = asList(valueAt(c.doc, ["discounts"]));
  const ids = new Set(discounts.map((d) => String(d.id)));
  const fresh = (base: string) => {
    let n = 1;
    while (ids.has(`${base}${n}`)) n++;
    return `${base}${n}`;
  };
  return (
    <Section title={t("form.discounts")} lead={t("form.discountsLead")}>
      {discounts.length === 0 && <p className="muted small">{t("form.discountsNone")}</p>}
      {discounts.map((d, k) => {
        const at: Path = ["discounts", k];
        const id = fieldText(d.id) || String(k + 1);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a discount's place is what the form edits (its id may change)
          <div key={k} className="form-discount" data-kind={String(d.kind)}>
            <div className="form-row">
              <strong>
                {KNOWN_KINDS.includes(String(d.kind))
                  ? t(`form.kind.${String(d.kind)}` as MessageKey)
                  : String(d.kind)}
              </strong>
              <Field c={c} path={[...at, "id"]} label={t("form.discountId")} kind="id" required />
              <RemoveButton c={c} path={at} label={t("form.removeDiscount", { id })} />
            </div>
            {d.kind === "orderSteps" ? (
              <Rows
                c={c}
                path={[...at, "steps"]}
                rows={asList(d.steps)}
                first={{ key: "from", label: t("form.step.from"), kind: "money" }}
                fresh={(rows) => ({ from: nextThreshold(rows), rate: "1%" })}
                caption={t("form.steps", { id })}
                addLabel={t("form.addStep")}
              />
            ) : d.kind === "volumeBands" ? (
              <>
                <div className="form-row">
                  <Choice
                    c={c}
                    path={[...at, "per"]}
                    label={t("form.bands.per")}
                    value={fieldText(d.per) || "sku"}
                    options={(["sku", "category", "rule"] as const).map((v) => ({
                      value: v,
                      label: t(`form.per.${v}` as MessageKey),
                    }))}
                  />
                  <Choice
                    c={c}
                    path={[...at, "period"]}
                    label={t("form.bands.period")}
                    value={fieldText(d.period) || "year"}
                    options={(["month", "quarter", "year"] as const).map((v) => ({
                      value: v,
                      label: t(`form.period.${v}` as MessageKey),
                    }))}
                  />
                </div>
                <Rows
                  c={c}
                  path={[...at, "bands"]}
                  rows={asList(d.bands)}
                  first={{ key: "fromUnit", label: t("form.band.fromUnit"), kind: "positiveInt" }}
                  fresh={(rows) => ({
                    fromUnit: nextThreshold(rows.map((r) => ({ from: r.fromUnit }))),
                    rate: "1%",
                  })}
                  caption={t("form.bands", { id })}
                  addLabel={t("form.addBand")}
                />
              </>
            ) : (
              <p className="muted small">{t("form.advanced")}</p>
            )}
          </div>
        );
      })}
      <div className="form-actions">
        <AddButton
          c={c}
          onClick={() =>
            c.onChange(
              withItem(c.text, ["discounts"], {
                id: fresh("steps"),
                kind: "orderSteps",
                steps: [{ from: 10000, rate: "5%" }],
              }),
            )
          }
        >
          {t("form.addSteps")}
        </AddButton>
        <AddButton
          c={c}
          onClick={() =>
            c.onChange(
              withItem(c.text, ["discounts"], {
                id: fresh("bands"),
                kind: "volumeBands",
                lines: { fact: "line.sku", op: "exists" },
                per: "sku",
                period: "year",
                bands: [{ fromUnit: 100, rate: "5%" }],
              }),
            )
          }
        >
          {t("form.addBands")}
        </AddButton>
      </div>
    </Section>
  );
}

/** A list of thresholds with a rate each: order-amount steps or volume bands. */
function Rows({
  c,
  path,
  rows,
  first,
  fresh,
  caption,
  addLabel,
}: {
  c: Ctx;
  path: Path;
  rows: Obj[];
  first: { key: string; label: string; kind: FieldKind };
  fresh(rows: Obj[]): Obj;
  caption: string;
  addLabel: string;
}) {
  const { t } = useI18n();
  return (
    <>
      <table className="compact form-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{first.label}</th>
            <th scope="col">{t("form.rate")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("form.remove")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, k) => {
            const n = String(k + 1);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: a row's place is what the form edits
              <tr key={k}>
                <td>
                  <Field
                    c={c}
                    path={[...path, k, first.key]}
                    label={`${caption}: ${first.label} ${n}`}
                    kind={first.kind}
                    required
                    hideLabel
                  />
                </td>
                <td>
                  <Field
                    c={c}
                    path={[...path, k, "rate"]}
                    label={`${caption}: ${t("form.rate")} ${n}`}
                    kind="percent"
                    required
                    hideLabel
                  />
                </td>
                <td>
                  {rows.length > 1 && (
                    <RemoveButton
                      c={c}
                      path={[...path, k]}
                      label={t("form.removeRow", { n, what: caption })}
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <AddButton c={c} onClick={() => c.onChange(withItem(c.text, path, fresh(rows)))}>
        {addLabel}
      </AddButton>
    </>
  );
}

function Redemption({ c }: { c: Ctx }) {
  const { t } = useI18n();
  return (
    <Section title={t("form.redemption")} lead={t("form.redemptionLead")}>
      <div className="form-row">
        <Field c={c} path={["redemption", "capShare"]} label={t("form.capShare")} kind="percent" hint="50%" />
        <Field c={c} path={["redemption", "minimumPoints"]} label={t("form.minimumPoints")} kind="int" />
        <Field c={c} path={["pointValue"]} label={t("form.pointValue")} kind="money" hint="1" />
      </div>
    </Section>
  );
}

function Expiry({ c }: { c: Ctx }) {
  const { t } = useI18n();
  const expiry = asObj(valueAt(c.doc, ["expiry"]));
  const policy = fieldText(expiry.policy) || "never";
  return (
    <Section title={t("form.expiry")} lead={t("form.expiryLead")}>
      <div className="form-row">
        <Choice
          c={c}
          path={["expiry", "policy"]}
          label={t("form.expiryPolicy")}
          value={policy}
          options={(["never", "afterDays", "endOfMonth", "endOfNextMonth"] as const).map((v) => ({
            value: v,
            label: t(`form.expiry.${v}` as MessageKey),
          }))}
          onPick={(v) =>
            c.onChange(
              withValue(c.text, ["expiry"], v === "afterDays" ? { policy: v, days: 365 } : { policy: v }),
            )
          }
        />
        {policy === "afterDays" && (
          <Field c={c} path={["expiry", "days"]} label={t("form.expiryDays")} kind="positiveInt" required />
        )}
      </div>
    </Section>
  );
}
