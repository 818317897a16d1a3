// Writing an export with back-pressure: a long export waits on its stream many times and leaves no listener
// behind (Node warns of a leak past ten), and a stream that closes while it waits ends the wait.
import { createWriteStream, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { writeChunk } from "./export.ts";

const warnings: Error[] = [];
const onWarning = (w: Error) => warnings.push(w);

afterEach(() => {
  process.off("warning", onWarning);
  warnings.length = 0;
});

/** A stream whose buffer is full after every write and that drains a moment later, as a slow disk does. */
function slowStream(): Writable {
  return new Writable({
    highWaterMark: 1,
    write(_chunk, _enc, done) {
      setImmediate(done);
    },
  });
}

/** A stream that takes one write and never drains, as a reader that stopped reading. */
function stuckStream(): Writable {
  return new Writable({ highWaterMark: 1, write() {} });
}

describe("writeChunk", () => {
  it("waits on a full stream fifty times and leaves no drain or close listener behind", async () => {
    process.on("warning", onWarning);
    const stream = slowStream();
    const before = { drain: stream.listenerCount("drain"), close: stream.listenerCount("close") };
    for (let i = 0; i < 50; i++) await writeChunk(stream, `line ${i}\n`);
    expect({ drain: stream.listenerCount("drain"), close: stream.listenerCount("close") }).toEqual(before);
    // A warning is emitted on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
  });

  it("writes a file of many chunks whole, with no listener leak warning", async () => {
    process.on("warning", onWarning);
    const path = join(mkdtempSync(join(tmpdir(), "patron-export-")), "orders.csv");
    const file = createWriteStream(path);
    const closed = new Promise<void>((resolve) => file.once("close", () => resolve()));
    // Each chunk is bigger than the file stream's buffer, so every write waits for it to drain.
    const chunk = `${"x".repeat(99)}\n`.repeat(200);
    for (let i = 0; i < 30; i++) await writeChunk(file, chunk);
    expect(file.listenerCount("close")).toBe(1);
    file.end();
    await closed;
    expect(readFileSync(path, "utf8")).toBe(chunk.repeat(30));
    expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
  });

  it("a stream closed or failed while waiting ends the wait, and its listeners go", async () => {
    const closing = stuckStream();
    const waiting = writeChunk(closing, "a line that does not fit\n");
    closing.destroy();
    await waiting;
    expect(closing.listenerCount("drain")).toBe(0);

    const failing = stuckStream();
    const errors: Error[] = [];
    failing.on("error", (e) => errors.push(e));
    const waitingToo = writeChunk(failing, "a line that does not fit\n");
    failing.destroy(new Error("disk full"));
    await waitingToo;
    expect(errors.map((e) => e.message)).toEqual(["disk full"]);
    expect(failing.listenerCount("drain")).toBe(0);
    // Writing on to a stream that is gone returns at once.
    await writeChunk(failing, "more\n");
  });
});
