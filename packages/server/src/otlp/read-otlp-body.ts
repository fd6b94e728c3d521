import { readBody } from "../http/read-body.js";

/**
 * Reads an OTLP body, gunzipping it when sent with `Content-Encoding: gzip` (the Collector's
 * default). Both the compressed and the decompressed size are held to `maxBytes`, so a small
 * gzip bomb is refused like a large body.
 */
export async function readOtlpBody(
  request: Request,
  maxBytes: number,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; reason: "too_large" | "bad_gzip" }> {
  const raw = await readBody(request, maxBytes);
  if (!raw.ok) return { ok: false, reason: "too_large" };
  if ((request.headers.get("content-encoding") ?? "").toLowerCase() !== "gzip") return raw;
  const inflated = new Blob([raw.bytes as BlobPart]).stream().pipeThrough(new DecompressionStream("gzip"));
  try {
    const body = await readBody(
      new Request("http://otlp.local/", { method: "POST", body: inflated, duplex: "half" } as RequestInit),
      maxBytes,
    );
    return body.ok ? body : { ok: false, reason: "too_large" };
  } catch {
    return { ok: false, reason: "bad_gzip" };
  }
}
