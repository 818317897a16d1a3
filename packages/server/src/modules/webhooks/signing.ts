// Standard Webhooks signatures: `whsec_` secrets, and `webhook-signature: v1,<base64 HMAC-SHA256 of
// "id.timestamp.body">`, one signature per secret in force (two while a rotated secret overlaps).
import { createHmac, createSecretKey, type KeyObject, randomBytes } from "node:crypto";

export const SECRET_PREFIX = "whsec_";
/** 24 random bytes: the spec asks for between 24 and 64. */
const SECRET_BYTES = 24;

export function newSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString("base64");
}

/** Decoded keys kept, most recently used last: a bound on the cache of secrets in force. */
const MAX_KEYS = 1000;
const keys = new Map<string, KeyObject>();

/** The HMAC key of a secret, decoded once and reused by every attempt it signs. */
function keyOf(secret: string): KeyObject {
  const known = keys.get(secret);
  if (known) {
    keys.delete(secret);
    keys.set(secret, known);
    return known;
  }
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error("a webhook secret starts with whsec_");
  const key = createSecretKey(Buffer.from(secret.slice(SECRET_PREFIX.length), "base64"));
  if (keys.size >= MAX_KEYS) keys.delete(keys.keys().next().value as string);
  keys.set(secret, key);
  return key;
}

/** The `v1,<signature>` of one message under one secret. */
export function sign(secret: string, messageId: string, timestampSeconds: number, body: string): string {
  const mac = createHmac("sha256", keyOf(secret))
    .update(`${messageId}.${timestampSeconds}.${body}`)
    .digest("base64");
  return `v1,${mac}`;
}

/** The headers of one delivery attempt: every secret in force signs it, newest first. */
export function signedHeaders(
  secrets: readonly string[],
  messageId: string,
  timestampSeconds: number,
  body: string,
): Record<string, string> {
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(timestampSeconds),
    "webhook-signature": secrets.map((s) => sign(s, messageId, timestampSeconds, body)).join(" "),
  };
}
