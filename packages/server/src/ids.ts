// Prefixed, time-ordered ids (`txn_…`, `evt_…`): sortable by creation time, readable in a log line.
import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford's base32, lower case

/** `prefix_` + 10 characters of milliseconds since 1970 + 16 random characters. */
export function newId(prefix: string, now = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = (ALPHABET[t % 32] as string) + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(10);
  let rand = "";
  for (let i = 0; i < 16; i++) {
    const bit = i * 5;
    const byte = bit >> 3;
    const v = (((bytes[byte] ?? 0) << 8) | (bytes[byte + 1] ?? 0)) >> (11 - (bit & 7));
    rand += ALPHABET[v & 31];
  }
  return `${prefix}_${time}${rand}`;
}
