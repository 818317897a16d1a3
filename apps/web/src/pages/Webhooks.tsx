// Webhooks for owners and program managers: endpoints with their event types (the signing secret shown once,
// rotated with an overlap during which both secrets sign), turned off and on; the notice of an endpoint that was
// disabled automatically for failing; the delivery log with each attempt's answer, and a replay of a delivery.
import type { Schemas } from "@patron/sdk";
import { type FormEvent, Fragment, useCallback, useEffect, useId, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { SecretOnce } from "../components/SecretOnce.tsx";
import "../console/console.css";
import { useWebhooksText } from "../i18n/webhooks.ts";
import { usePageTitle } from "../router.tsx";

type Endpoint = Schemas["WebhookEndpoint"];
type Delivery = Schemas["WebhookDelivery"];
type Detail = Schemas["WebhookDeliveryDetail"];
type EventType = Endpoint["eventTypes"][number];
type Status = Delivery["status"];

/** Every event type an endpoint may subscribe to, in the order the API documents them. */
const EVENT_TYPES = [
  "points.earned",
  "points.spent",
  "points.reversed",
  "points.expired",
  "tier.changed",
  "member.created",
  "adjustment.applied",
  "hold.created",
  "hold.cancelled",
  "hold.expired",
  "redemption.captured",
  "reward_order.status_changed",
  "endpoint.disabled",
  "campaign.started",
  "campaign.ended",
] as const satisfies readonly EventType[];
/** Fails to compile when the API gains an event type this list lacks. */
const EVERY_TYPE_LISTED: Exclude<EventType, (typeof EVENT_TYPES)[number]> extends never ? true : never = true;
void EVERY_TYPE_LISTED;

const STATUSES: readonly Status[] = ["pending", "succeeded", "failed"];
const PAGE = 50;
const DEFAULT_OVERLAP_HOURS = 24;
const MAX_OVERLAP_HOURS = 7 * 24;

/** Disabled by the delivery worker for failing, not by a person. */
function autoDisabled(e: Endpoint): boolean {
  return e.status === "disabled" && e.disabledBy === "worker";
}

export default function Webhooks() {
  const w = useWebhooksText();
  const { t } = w;
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t("webhooks.title"), heading);
  const [endpoints, setEndpoints] = useState<Endpoint[] | null>(null);
  const [deliveries, setDeliveries] = useState<Delivery[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [filter, setFilter] = useState<{ endpointId: string; status: "" | Status }>({
    endpointId: "",
    status: "",
  });
  const [open, setOpen] = useState<Record<string, Detail>>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ value: string; rotatedUntil: string | null } | null>(null);
  const [rotating, setRotating] = useState<string | null>(null);
  const [overlap, setOverlap] = useState(String(DEFAULT_OVERLAP_HOURS));
  const [busy, setBusy] = useState(false);
  const ids = {
    url: useId(),
    description: useId(),
    events: useId(),
    endpoint: useId(),
    status: useId(),
    overlap: useId(),
    log: useId(),
    list: useId(),
  };

  const loadEndpoints = useCallback(async () => {
    const { data, error: failed } = await api.GET("/v1/webhooks/endpoints");
    if (data) setEndpoints(data.data);
    else setError(errorMessage(failed));
  }, []);

  const loadDeliveries = useCallback(
    async (cursor?: string) => {
      const { data, error: failed } = await api.GET("/v1/webhooks/deliveries", {
        params: {
          query: {
            limit: PAGE,
            ...(filter.endpointId ? { endpointId: filter.endpointId } : {}),
            ...(filter.status ? { status: filter.status } : {}),
            ...(cursor ? { cursor } : {}),
          },
        },
      });
      if (!data) {
        setError(errorMessage(failed));
        return;
      }
      setDeliveries((before) => (cursor ? [...(before ?? []), ...data.data] : data.data));
      setNextCursor(data.nextCursor);
    },
    [filter],
  );

  useEffect(() => {
    void loadEndpoints();
  }, [loadEndpoints]);
  useEffect(() => {
    void loadDeliveries();
  }, [loadDeliveries]);

  const refresh = async () => {
    setOpen({});
    await Promise.all([loadEndpoints(), loadDeliveries()]);
  };

  const begin = () => {
    setBusy(true);
    setError(null);
    setNotice(null);
  };

  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const url = String(form.get("url") ?? "").trim();
    const description = String(form.get("description") ?? "").trim();
    const eventTypes = EVENT_TYPES.filter((x) => form.getAll("eventTypes").includes(x));
    begin();
    const { data, error: failed } = await api.POST("/v1/webhooks/endpoints", {
      body: { url, eventTypes, ...(description === "" ? {} : { description }) },
    });
    setBusy(false);
    if (!data) {
      setError(errorMessage(failed));
      return;
    }
    formEl.reset();
    setSecret(data.secret ? { value: data.secret, rotatedUntil: null } : null);
    setNotice(t("webhooks.createdOk", { url: data.url }));
    await loadEndpoints();
  };

  const setStatus = async (e: Endpoint, status: "enabled" | "disabled") => {
    begin();
    const { data, error: failed } = await api.PATCH("/v1/webhooks/endpoints/{id}", {
      params: { path: { id: e.id } },
      body: { status },
    });
    setBusy(false);
    if (!data) {
      setError(errorMessage(failed));
      return;
    }
    setNotice(t(status === "enabled" ? "webhooks.enabledOk" : "webhooks.disabledOk", { url: e.url }));
    await refresh();
  };

  const rotate = async (e: Endpoint) => {
    const hours = Number(overlap);
    if (!Number.isFinite(hours) || hours < 0 || hours > MAX_OVERLAP_HOURS) return;
    begin();
    const { data, error: failed } = await api.POST("/v1/webhooks/endpoints/{id}/rotate-secret", {
      params: { path: { id: e.id } },
      body: { overlapMinutes: Math.round(hours * 60) },
    });
    setBusy(false);
    setRotating(null);
    if (!data) {
      setError(errorMessage(failed));
      return;
    }
    setSecret(data.secret ? { value: data.secret, rotatedUntil: data.previousSecretExpiresAt } : null);
    await loadEndpoints();
  };

  const toggle = async (d: Delivery) => {
    if (open[d.id]) {
      const { [d.id]: _, ...rest } = open;
      setOpen(rest);
      return;
    }
    const { data, error: failed } = await api.GET("/v1/webhooks/deliveries/{id}", {
      params: { path: { id: d.id } },
    });
    if (data) setOpen((o) => ({ ...o, [d.id]: data }));
    else setError(errorMessage(failed));
  };

  const replay = async (d: Delivery) => {
    begin();
    const { data, error: failed } = await api.POST("/v1/webhooks/deliveries/{id}/replay", {
      params: { path: { id: d.id } },
      body: {},
    });
    setBusy(false);
    if (!data) {
      setError(errorMessage(failed));
      return;
    }
    setNotice(t("webhooks.replayed", { type: data.type }));
    await loadDeliveries();
  };

  const urlOf = new Map((endpoints ?? []).map((e) => [e.id, e.url]));
  const statusWord = (s: Status) => t(`webhooks.${s}`);
  const failing = (endpoints ?? []).filter(autoDisabled);

  return (
    <section className="page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {t("webhooks.title")}
        </h1>
        <p className="muted">{t("webhooks.lead")}</p>
      </div>
      {failing.map((e) => (
        <p key={e.id} className="alert error" data-testid="auto-disabled">
          {t("webhooks.autoDisabled", {
            url: e.url,
            reason: e.disabledReason ?? "",
            since: e.failingSince ? w.dateTime(e.failingSince) : "—",
          })}
        </p>
      ))}
      <div role="status" aria-live="polite">
        {notice && <p className="alert success">{notice}</p>}
      </div>
      {error && (
        <p className="alert error" role="alert">
          {t("webhooks.error", { message: error })}
        </p>
      )}
      {secret && (
        <SecretOnce
          value={secret.value}
          testId="webhook-secret"
          text={{
            title: t("webhooks.secretTitle"),
            lead: secret.rotatedUntil
              ? t("webhooks.rotatedLead", { until: w.dateTime(secret.rotatedUntil) })
              : t("webhooks.secretLead"),
            copy: t("webhooks.copy"),
            copied: t("webhooks.copied"),
            done: t("webhooks.done"),
          }}
          onDone={() => setSecret(null)}
        />
      )}

      <form className="card" onSubmit={create} aria-labelledby={`${ids.url}-title`}>
        <h2 id={`${ids.url}-title`}>{t("webhooks.create")}</h2>
        <div className="field">
          <label htmlFor={ids.url}>{t("webhooks.url")}</label>
          <input
            id={ids.url}
            name="url"
            type="url"
            required
            maxLength={2000}
            placeholder="https://erp.example.com/patron/webhooks"
          />
        </div>
        <div className="field">
          <label htmlFor={ids.description}>{t("webhooks.description")}</label>
          <input
            id={ids.description}
            name="description"
            maxLength={200}
            placeholder={t("webhooks.descriptionPlaceholder")}
          />
        </div>
        <fieldset className="field" aria-describedby={`${ids.events}-hint`}>
          <legend>{t("webhooks.events")}</legend>
          <small id={`${ids.events}-hint`} className="muted">
            {t("webhooks.eventsHint")}
          </small>
          <div className="checks">
            {EVENT_TYPES.map((type) => (
              <label key={type} className="check">
                <input type="checkbox" name="eventTypes" value={type} /> <code>{type}</code>
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className="primary" disabled={busy}>
          {t("webhooks.submit")}
        </button>
      </form>

      <h2 id={ids.list}>{t("webhooks.endpoints")}</h2>
      <div className="table-wrap">
        <table aria-labelledby={ids.list}>
          <thead>
            <tr>
              <th scope="col">{t("webhooks.url")}</th>
              <th scope="col">{t("webhooks.events")}</th>
              <th scope="col">{t("webhooks.status")}</th>
              <th scope="col" className="num">
                {t("webhooks.failures")}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t("webhooks.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {endpoints === null && (
              <tr>
                <td colSpan={5} className="muted">
                  {t("webhooks.loading")}
                </td>
              </tr>
            )}
            {endpoints?.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  {t("webhooks.empty")}
                </td>
              </tr>
            )}
            {endpoints?.map((e) => (
              <tr key={e.id} data-testid={`endpoint-${e.id}`}>
                <td data-label={t("webhooks.url")}>
                  <code>{e.url}</code>
                  {e.description && <div className="muted small">{e.description}</div>}
                </td>
                <td data-label={t("webhooks.events")}>
                  {e.eventTypes.length === 0 ? t("webhooks.allEvents") : e.eventTypes.join(", ")}
                </td>
                <td data-label={t("webhooks.status")}>
                  <span className={`status ${e.status === "enabled" ? "on" : "off"}`}>
                    {t(e.status === "enabled" ? "webhooks.enabled" : "webhooks.disabled")}
                  </span>
                </td>
                <td className="num" data-label={t("webhooks.failures")}>
                  {e.consecutiveFailures}
                </td>
                <td className="actions">
                  {rotating === e.id ? (
                    <span className="confirm">
                      <label htmlFor={ids.overlap}>{t("webhooks.overlap")}</label>
                      <input
                        id={ids.overlap}
                        type="number"
                        min={0}
                        max={MAX_OVERLAP_HOURS}
                        value={overlap}
                        onChange={(ev) => setOverlap(ev.target.value)}
                        style={{ width: "5rem" }}
                      />
                      <button type="button" className="danger" disabled={busy} onClick={() => rotate(e)}>
                        {t("webhooks.confirmRotate")}
                      </button>
                      <button type="button" onClick={() => setRotating(null)}>
                        {t("webhooks.cancel")}
                      </button>
                    </span>
                  ) : (
                    <>
                      <button
                        type="button"
                        aria-label={`${t("webhooks.rotate")}: ${e.url}`}
                        onClick={() => {
                          setOverlap(String(DEFAULT_OVERLAP_HOURS));
                          setRotating(e.id);
                        }}
                      >
                        {t("webhooks.rotate")}
                      </button>
                      <button
                        type="button"
                        disabled={busy}
                        aria-label={`${t(e.status === "enabled" ? "webhooks.disable" : "webhooks.enable")}: ${e.url}`}
                        onClick={() => setStatus(e, e.status === "enabled" ? "disabled" : "enabled")}
                      >
                        {t(e.status === "enabled" ? "webhooks.disable" : "webhooks.enable")}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id={ids.log}>{t("webhooks.deliveries")}</h2>
      <div className="filters">
        <div className="field">
          <label htmlFor={ids.endpoint}>{t("webhooks.filterEndpoint")}</label>
          <select
            id={ids.endpoint}
            value={filter.endpointId}
            onChange={(e) => setFilter((f) => ({ ...f, endpointId: e.target.value }))}
          >
            <option value="">{t("webhooks.any")}</option>
            {(endpoints ?? []).map((e) => (
              <option key={e.id} value={e.id}>
                {e.url}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.status}>{t("webhooks.filterStatus")}</label>
          <select
            id={ids.status}
            value={filter.status}
            onChange={(e) =>
              setFilter((f) => ({ ...f, status: STATUSES.find((s) => s === e.target.value) ?? "" }))
            }
          >
            <option value="">{t("webhooks.any")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusWord(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-actions">
          <button type="button" onClick={refresh}>
            {t("webhooks.refresh")}
          </button>
        </div>
      </div>
      <div className="table-wrap">
        <table aria-labelledby={ids.log} data-testid="deliveries">
          <thead>
            <tr>
              <th scope="col">{t("webhooks.time")}</th>
              <th scope="col">{t("webhooks.type")}</th>
              <th scope="col">{t("webhooks.endpoint")}</th>
              <th scope="col">{t("webhooks.status")}</th>
              <th scope="col" className="num">
                {t("webhooks.attempts")}
              </th>
              <th scope="col">{t("webhooks.response")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("webhooks.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deliveries === null && (
              <tr>
                <td colSpan={7} className="muted">
                  {t("webhooks.loading")}
                </td>
              </tr>
            )}
            {deliveries?.length === 0 && (
              <tr>
                <td colSpan={7} className="muted">
                  {t("webhooks.noDeliveries")}
                </td>
              </tr>
            )}
            {deliveries?.map((d) => {
              const detail = open[d.id];
              return (
                <Fragment key={d.id}>
                  <tr data-testid="delivery" data-status={d.status}>
                    <td data-label={t("webhooks.time")}>{w.dateTime(d.createdAt)}</td>
                    <td data-label={t("webhooks.type")}>
                      <code>{d.type}</code>
                    </td>
                    <td data-label={t("webhooks.endpoint")}>
                      <code>{urlOf.get(d.endpointId) ?? d.endpointId}</code>
                    </td>
                    <td data-label={t("webhooks.status")}>
                      {statusWord(d.status)}
                      {d.status === "pending" && d.nextAttemptAt && (
                        <div className="muted small">
                          {t("webhooks.nextAttempt", { at: w.dateTime(d.nextAttemptAt) })}
                        </div>
                      )}
                    </td>
                    <td className="num" data-label={t("webhooks.attempts")}>
                      {d.attempts}
                    </td>
                    <td data-label={t("webhooks.response")}>
                      {d.lastStatusCode ?? (d.lastError ? t("webhooks.noAnswer") : "—")}
                      {d.lastError && <div className="muted small">{d.lastError}</div>}
                    </td>
                    <td className="actions">
                      <button type="button" aria-expanded={detail !== undefined} onClick={() => toggle(d)}>
                        {detail ? t("webhooks.hide") : t("webhooks.details")}
                      </button>
                      <button
                        type="button"
                        disabled={busy}
                        aria-label={`${t("webhooks.replay")}: ${d.type} ${w.dateTime(d.createdAt)}`}
                        onClick={() => replay(d)}
                      >
                        {t("webhooks.replay")}
                      </button>
                    </td>
                  </tr>
                  {detail && (
                    <tr>
                      <td colSpan={7}>
                        <ol className="plain" data-testid="attempts">
                          {detail.attemptLog.map((a) => (
                            <li key={a.attempt}>
                              {t("webhooks.attempt", { n: a.attempt })} · {w.dateTime(a.at)} ·{" "}
                              <strong>{a.statusCode ?? t("webhooks.noAnswer")}</strong> ·{" "}
                              {t("webhooks.latency", { ms: a.latencyMs })}
                              {a.error && <span className="muted"> · {a.error}</span>}
                            </li>
                          ))}
                        </ol>
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      {nextCursor && (
        <p>
          <button type="button" onClick={() => loadDeliveries(nextCursor)}>
            {t("webhooks.more")}
          </button>
        </p>
      )}
    </section>
  );
}
