// Runs a CLI command in-process and captures what it prints, for tests.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { vi } from "vitest";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCommand(command: (argv: string[]) => Promise<number>, argv: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await command(argv);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** Writes a file into a fresh temporary folder and returns its path. */
export function tempFile(name: string, text: string | Uint8Array): string {
  const path = join(mkdtempSync(join(tmpdir(), "patron-test-")), name);
  writeFileSync(path, text);
  return path;
}

export const ORDERS_HEADER =
  "event,order_id,date,company_id,contact_id,sku,category,quantity,unit_price,unit_cost,points_to_redeem,promo_code";
