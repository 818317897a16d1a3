// Structured logs: one JSON object per line (time, level, msg and fields), and one line per HTTP request.
// Nothing of a request's headers or body is logged, and anything shaped like an API key is masked.
import type { MiddlewareHandler } from "hono";

export type LogLevel = "debug" | "info" | "warn" | "error";

/** Where log lines go: standard output by default, an array in tests. */
export type LogSink = (line: string) => void;

export interface Logger {
  log(level: LogLevel, msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export const stdoutSink: LogSink = (line) => {
  process.stdout.write(`${line}\n`);
};

/** API keys (`ptn_<tenant>_<secret>`) and bearer credentials, wherever they appear in a line. */
const SECRET_SHAPES = [/\bptn_[A-Za-z0-9_-]+/g, /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi];

/** Field names whose values are never written, whatever they hold. */
const SECRET_FIELD = /authorization|password|secret|token|api[-_]?key|cookie/i;

export function createLogger(sink: LogSink = stdoutSink, minLevel: LogLevel = "info"): Logger {
  const log = (level: LogLevel, msg: string, fields: Record<string, unknown> = {}) => {
    if (RANK[level] < RANK[minLevel]) return;
    let line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }, replacer);
    for (const shape of SECRET_SHAPES) line = line.replace(shape, (m) => `${m.slice(0, 4)}[redacted]`);
    sink(line);
  };
  return {
    log,
    info: (msg, fields) => log("info", msg, fields),
    warn: (msg, fields) => log("warn", msg, fields),
    error: (msg, fields) => log("error", msg, fields),
  };
}

function replacer(key: string, value: unknown): unknown {
  if (key !== "" && SECRET_FIELD.test(key)) return "[redacted]";
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  if (typeof value === "bigint") return value.toString();
  return value;
}

/**
 * Logs each request once it is answered (the line written just after the answer is sent): request id, method, path (without its query), status, milliseconds
 * and the tenant of its API key when it had a valid one. 5xx answers are errors, 4xx warnings.
 */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const t0 = performance.now();
    await next();
    const status = c.res.status;
    const vars = c.var as { requestId?: string; principal?: { tenantId?: string } };
    const fields = {
      requestId: vars.requestId ?? null,
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round((performance.now() - t0) * 10) / 10,
      tenant: vars.principal?.tenantId ?? null,
    };
    // Written once the answer is on its way: the line's serialising and masking are not the caller's wait.
    setImmediate(() =>
      logger.log(status >= 500 ? "error" : status >= 400 ? "warn" : "info", "request", fields),
    );
  };
}
