// API key secrets and password hashes. Keys carry 256 random bits, so a plain SHA-256 is enough to store
// them; passwords are chosen by people and get scrypt with a salt of their own.
import { createHash, randomBytes, scrypt, timingSafeEqual } from "node:crypto";

const KEY_PREFIX = "ptn";
const SECRET_BYTES = 32;
/** Length of 32 bytes in base64url, without padding. */
const SECRET_CHARS = 43;
/** How much of the secret a listing shows, to recognise a key: 48 of its 256 bits. */
const SHOWN_CHARS = 8;
const TENANT_ID = /^[a-z][a-z0-9-]{1,39}$/;

export interface NewKeySecret {
  /** The whole bearer token, shown to the person once: `ptn_<tenant>_<secret>`. */
  token: string;
  /** What listings show: `ptn_<tenant>_<first characters>`. */
  prefix: string;
  secretHash: string;
}

export function newKeySecret(tenantId: string): NewKeySecret {
  const secret = randomBytes(SECRET_BYTES).toString("base64url");
  return {
    token: `${KEY_PREFIX}_${tenantId}_${secret}`,
    prefix: `${KEY_PREFIX}_${tenantId}_${secret.slice(0, SHOWN_CHARS)}`,
    secretHash: sha256(secret),
  };
}

/**
 * The tenant and the secret's hash of a bearer token, or null when it is not shaped like one. The tenant id
 * rides in the token so that the lookup stays inside one tenant's rows (and one shard, past one machine).
 */
export function parseKeyToken(token: string): { tenantId: string; secretHash: string } | null {
  const head = `${KEY_PREFIX}_`;
  if (!token.startsWith(head) || token.length < head.length + 3 + SECRET_CHARS) return null;
  const secret = token.slice(-SECRET_CHARS);
  const rest = token.slice(head.length, -SECRET_CHARS);
  if (!rest.endsWith("_") || !/^[A-Za-z0-9_-]+$/.test(secret)) return null;
  const tenantId = rest.slice(0, -1);
  if (!TENANT_ID.test(tenantId)) return null;
  return { tenantId, secretHash: sha256(secret) };
}

/** What a tenant id looks like: it rides inside API keys, so it stays short and plain. */
export const TENANT_ID_PATTERN = TENANT_ID;

function sha256(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}

/** Compares two secrets in time that does not depend on where they differ. */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}

// scrypt with N=2^14, r=8, p=5: one of OWASP's listed equivalent settings (16 MiB, a few tens of ms here).
// The parameters are stored with each hash, so they can be raised later without breaking old ones.
const SCRYPT = { N: 2 ** 14, r: 8, p: 5 };
const SALT_BYTES = 16;
const HASH_BYTES = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await scryptAsync(password, salt, HASH_BYTES, SCRYPT);
  return [
    "scrypt",
    SCRYPT.N,
    SCRYPT.r,
    SCRYPT.p,
    salt.toString("base64url"),
    hash.toString("base64url"),
  ].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const actual = await scryptAsync(password, Buffer.from(salt, "base64url"), expected.length, params);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function scryptAsync(
  password: string,
  salt: Buffer,
  length: number,
  params: { N: number; r: number; p: number },
): Promise<Buffer> {
  // maxmem above the 128·N·r bytes scrypt needs, which sits at node's 32 MiB default for N=2^15.
  const maxmem = 256 * params.N * params.r;
  return new Promise((resolve, reject) => {
    scrypt(password, salt, length, { ...params, maxmem }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}
