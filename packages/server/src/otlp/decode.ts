import { ExportTraceServiceRequest } from "./proto.js";

/** An attribute value as OTLP carries it (bytes and key-value lists are not needed and dropped). */
export type AttributeValue = string | number | boolean | AttributeValue[];
export type Attributes = Map<string, AttributeValue>;

/** One span, the same whichever encoding it arrived in. */
export interface DecodedSpan {
  /** Lowercase hex, 32 characters when valid. */
  traceId: string;
  /** Lowercase hex, 16 characters when valid. */
  spanId: string;
  name: string;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Attributes;
  /** 0 unset, 1 ok, 2 error. */
  statusCode: number;
  statusMessage: string;
  events: { name: string; attributes: Attributes }[];
  resource: Attributes;
}

export type OtlpFormat = "json" | "protobuf";

export class OtlpDecodeError extends Error {}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** OTLP/JSON numbers: int64 may come as a decimal string, doubles as "NaN"/"Infinity". */
function toNumber(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "") {
    const n = Number(v);
    return Number.isNaN(n) && v !== "NaN" ? undefined : n;
  }
  return undefined;
}

function toBigInt(v: unknown): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "number" && Number.isFinite(v)) return BigInt(Math.trunc(v));
  if (typeof v === "string" && /^\d+$/.test(v)) return BigInt(v);
  return 0n;
}

/** Array values nest at most this deep; deeper ones are dropped rather than recursed into without bound. */
const MAX_VALUE_DEPTH = 8;

function anyValue(v: unknown, depth = 0): AttributeValue | undefined {
  if (!isObj(v) || depth > MAX_VALUE_DEPTH) return undefined;
  if (typeof v.stringValue === "string") return v.stringValue;
  if (typeof v.boolValue === "boolean") return v.boolValue;
  if (v.intValue !== undefined) return toNumber(v.intValue);
  if (v.doubleValue !== undefined) return toNumber(v.doubleValue);
  if (isObj(v.arrayValue)) {
    return list(v.arrayValue.values)
      .map((item) => anyValue(item, depth + 1))
      .filter((x): x is AttributeValue => x !== undefined);
  }
  return undefined;
}

function attributes(v: unknown): Attributes {
  const out: Attributes = new Map();
  for (const kv of list(v)) {
    if (!isObj(kv) || typeof kv.key !== "string") continue;
    const value = anyValue(kv.value);
    if (value !== undefined) out.set(kv.key, value);
  }
  return out;
}

/** Trace and span ids: hex in OTLP/JSON, base64 once protobuf bytes went through toObject. */
function id(v: unknown, format: OtlpFormat): string {
  if (typeof v !== "string") return "";
  return format === "json" ? v.toLowerCase() : Buffer.from(v, "base64").toString("hex");
}

/** Flattens resource → scope → span nesting into spans that carry their resource attributes. */
function spansOf(request: unknown, format: OtlpFormat): DecodedSpan[] {
  if (!isObj(request)) throw new OtlpDecodeError("body is not an ExportTraceServiceRequest object");
  const spans: DecodedSpan[] = [];
  for (const rs of list(request.resourceSpans)) {
    if (!isObj(rs)) continue;
    const resource = attributes(isObj(rs.resource) ? rs.resource.attributes : undefined);
    for (const ss of list(rs.scopeSpans)) {
      if (!isObj(ss)) continue;
      for (const s of list(ss.spans)) {
        if (!isObj(s)) continue;
        const status = isObj(s.status) ? s.status : {};
        spans.push({
          traceId: id(s.traceId, format),
          spanId: id(s.spanId, format),
          name: typeof s.name === "string" ? s.name : "",
          startTimeUnixNano: toBigInt(s.startTimeUnixNano),
          endTimeUnixNano: toBigInt(s.endTimeUnixNano),
          attributes: attributes(s.attributes),
          statusCode: toNumber(status.code) ?? 0,
          statusMessage: typeof status.message === "string" ? status.message : "",
          events: list(s.events)
            .filter(isObj)
            .map((e) => ({ name: typeof e.name === "string" ? e.name : "", attributes: attributes(e.attributes) })),
          resource,
        });
      }
    }
  }
  return spans;
}

/** Decodes an OTLP/HTTP trace export body (`application/json` or `application/x-protobuf`). */
export function decodeTraces(bytes: Uint8Array, format: OtlpFormat): DecodedSpan[] {
  if (format === "json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch {
      throw new OtlpDecodeError("body is not valid UTF-8 JSON");
    }
    return spansOf(parsed, "json");
  }
  let request: unknown;
  try {
    // toObject yields the OTLP/JSON shape (camelCase, int64 as strings) except ids, which stay base64.
    // Both recurse: hostile nesting ends here as a RangeError, answered 400 like any undecodable body.
    const message = ExportTraceServiceRequest.decode(bytes);
    request = ExportTraceServiceRequest.toObject(message, { longs: String, bytes: String, enums: Number });
  } catch (error) {
    throw new OtlpDecodeError(`body is not a protobuf ExportTraceServiceRequest: ${error instanceof Error ? error.message : error}`);
  }
  return spansOf(request, "protobuf");
}
