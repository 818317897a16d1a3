// The web console's production build served at `/`: its files as they are, and index.html for any other page
// path a browser asks for (the app routes on the client). The API's own paths are never shadowed.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { MiddlewareHandler } from "hono";

/** Where `npm run build` writes the web app, from this file in packages/server/src/http. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL("../../../../apps/web/dist", import.meta.url));

/** Paths that belong to the API, whatever is registered under them now or later. */
const API_PREFIXES = ["/v1", "/openapi.json", "/docs", "/healthz", "/readyz", "/metrics"];

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** The pages' policy: scripts and styles from this origin only, no framing. */
export const WEB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Patron</title></head>
<body><main><h1>Patron</h1><p>The web console is not built. Run <code>npm run build</code> and restart the server.
The API is at <a href="/docs">/docs</a>.</p></main></body></html>`;

function isApiPath(path: string): boolean {
  return API_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
}

/**
 * Serves files of `dir` for GET and HEAD outside the API's paths; a page path with no file (no extension)
 * gets index.html once no route answered it. With `dir` null or missing, `/` explains how to build it.
 */
export function serveWeb(dir: string | null): MiddlewareHandler {
  const root = dir !== null && existsSync(join(dir, "index.html")) ? normalize(dir) : null;
  return async (c, next) => {
    const path = c.req.path;
    if ((c.req.method !== "GET" && c.req.method !== "HEAD") || isApiPath(path)) return next();
    if (root === null) {
      if (path !== "/") return next();
      return c.html(NOT_BUILT);
    }
    const file = path === "/" ? null : await readInside(root, path);
    if (file) {
      const immutable = path.startsWith("/assets/");
      c.header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
      c.header("Content-Type", TYPES[extname(path)] ?? "application/octet-stream");
      c.header("X-Content-Type-Options", "nosniff");
      return c.body(new Uint8Array(file));
    }
    await next();
    if (c.res.status !== 404 || extname(path) !== "") return;
    const index = await readFile(join(root, "index.html"));
    const requestId = c.res.headers.get("X-Request-Id");
    c.res = new Response(index, {
      status: 200,
      headers: {
        ...(requestId === null ? {} : { "X-Request-Id": requestId }),
        "Content-Type": TYPES[".html"] as string,
        "Cache-Control": "no-cache",
        "Content-Security-Policy": WEB_CSP,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
      },
    });
  };
}

/** The file at a URL path under root, or null; a path that climbs out of root is none. */
async function readInside(root: string, urlPath: string): Promise<Buffer | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const full = normalize(join(root, decoded));
  if (!full.startsWith(root + sep)) return null;
  return readFile(full).catch(() => null);
}
