// Standard Webhooks signatures: `whsec_` secrets, and `webhook-signature: v1,<base64 HMAC-SHA256 of
// "id.timestamp.body">`, one signature per secret in force (two while a rotated secret overlaps).
import { createHmac, randomBytes } from "node:crypto";

export const SECRET_PREFIX = "whsec_";
/** 24 random bytes: the spec asks for between 24 and 64. */
const SECRET_BYTES = 24;

export function newSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString("base64");
}

/** The `v1,<signature>` of one message under one secret. */
export function sign(secret: string, messageId: string, timestampSeconds: number, body: string): string {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error("a webhook secret starts with whsec_");
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), "base64");
  const mac = createHmac("sha256", key).update(`${messageId}.${timestampSeconds}.${body}`).digest("base64");
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
