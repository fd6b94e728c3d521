import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Store } from "../db/dialect/types.js";
import type { KeyKind } from "../db/tables.js";
import { uuidv7 } from "../ids.js";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** What a valid key grants: one project, one kind of access. */
export interface KeyGrant {
  projectId: string;
  kind: KeyKind;
  keyId: string;
}

export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** `pm_ingest_…` or `pm_read_…` followed by 32 base62 characters (≈190 bits). */
export function generateKey(kind: KeyKind): string {
  const bytes = randomBytes(32);
  let body = "";
  for (const b of bytes) body += ALPHABET[b % 62];
  return `pm_${kind}_${body}`;
}

/** Creates a key for a project; the returned `key` is the only time the secret exists in clear. */
export async function createKey(store: Store, projectId: string, kind: KeyKind): Promise<{ id: string; key: string; prefix: string }> {
  const key = generateKey(kind);
  const id = uuidv7();
  // "pm_<kind>_" plus 8 random characters: enough to tell keys apart in a list.
  const prefix = key.slice(0, `pm_${kind}_`.length + 8);
  await store.db
    .insertInto("api_keys")
    .values({ id, project_id: projectId, kind, key_hash: hashKey(key), prefix, created_at: Date.now(), revoked_at: null })
    .execute();
  return { id, key, prefix };
}

/** Resolves a bearer key to its grant, or null for unknown, malformed or revoked keys. */
export async function authenticate(store: Store, key: string | null | undefined): Promise<KeyGrant | null> {
  if (!key || !/^pm_(ingest|read)_[0-9A-Za-z]{16,64}$/.test(key)) return null;
  const hash = hashKey(key);
  const row = await store.db
    .selectFrom("api_keys")
    .select(["id", "project_id", "kind", "key_hash", "revoked_at"])
    .where("key_hash", "=", hash)
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) return null;
  // The lookup is by hash; the constant-time compare guards against any index-side shortcut.
  if (!timingSafeEqual(Buffer.from(row.key_hash, "hex"), Buffer.from(hash, "hex"))) return null;
  return { projectId: row.project_id, kind: row.kind, keyId: row.id };
}

/** The bearer token of an `Authorization` header, if any. */
export function bearerToken(header: string | null | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
