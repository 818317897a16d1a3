// Prefixed, time-ordered ids (`txn_…`, `evt_…`): sortable by creation time, readable in a log line.
import { randomFillSync } from "node:crypto";

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford's base32, lower case

/** The last millisecond an id was made for, and that id's random part: ids of one millisecond count up from it. */
let last = { ms: -1, rand: "" };

/**
 * `prefix_` + 10 characters of milliseconds since 1970 + 16 random characters. Ids made by this process in one
 * millisecond take the last one's random part plus one, so they sort in the order they were made (a chunk's
 * events claimed together keep their order).
 */
export function newId(prefix: string, now = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = (ALPHABET[t % 32] as string) + time;
    t = Math.floor(t / 32);
  }
  const rand = now === last.ms ? increment(last.rand) : randomPart();
  if (now >= last.ms) last = { ms: now, rand };
  return `${prefix}_${time}${rand}`;
}

/** Random bytes drawn ahead, 10 an id: one call to the system's generator serves 400 ids instead of one. */
const pool = Buffer.alloc(4000);
let used = pool.length;

function randomPart(): string {
  if (used + 10 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const at = used;
  used += 10;
  let rand = "";
  for (let i = 0; i < 16; i++) {
    const bit = i * 5;
    const byte = at + (bit >> 3);
    const v = (((pool[byte] ?? 0) << 8) | (pool[byte + 1] ?? 0)) >> (11 - (bit & 7));
    rand += ALPHABET[v & 31];
  }
  return rand;
}

/** A base-32 string plus one; all of its 80 bits set (never met in practice) starts a new random part. */
function increment(rand: string): string {
  const digits = [...rand];
  for (let i = digits.length - 1; i >= 0; i--) {
    const v = ALPHABET.indexOf(digits[i] as string);
    if (v < 31) {
      digits[i] = ALPHABET[v + 1] as string;
      return digits.join("");
    }
    digits[i] = ALPHABET[0] as string;
  }
  return randomPart();
}

/**
 * The first 23 characters of an id (`prefix_`, the time, 9 random characters) for rows a statement writes as a
 * set: each row's id is this and a 7-digit number, the same length as any other id. Each call draws its random
 * characters afresh (ids of one millisecond from newId share theirs but for the last ones).
 */
export function newIdPrefix(prefix: string, now = Date.now()): string {
  return `${newId(prefix, now).slice(0, prefix.length + 11)}${randomPart().slice(0, 9)}`;
}
