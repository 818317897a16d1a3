// A webhook receiver for tests and benchmarks: a real HTTP server on a free local port that keeps what it
// was sent and answers as told.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  /** The status it was answered with. */
  status: number;
  /** performance.timeOrigin + performance.now() when it arrived, in ms. */
  at: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** The status to answer the next request with; 204 when it returns nothing. */
  answer: (req: { headers: IncomingHttpHeaders; body: string }) => number;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const r: Receiver = { url: "", received, answer: () => 204, close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const status = r.answer({ headers: req.headers, body });
      received.push({ headers: req.headers, body, status, at: performance.timeOrigin + performance.now() });
      res.writeHead(status, { "content-type": "text/plain" });
      res.end(status >= 300 ? `refused with ${status}: ${"x".repeat(5000)}` : "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("the receiver has no port");
  r.url = `http://127.0.0.1:${address.port}/hooks`;
  r.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return r;
}

/** Waits until `done` holds, checking every 20 ms, failing after `timeoutMs` (a bound, not a speed claim). */
export async function until(done: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`not done within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
