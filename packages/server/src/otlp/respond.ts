import type { OtlpFormat } from "./decode.js";
import { ExportTraceServiceResponse, RpcStatus } from "./proto.js";

const CONTENT_TYPE: Record<OtlpFormat, string> = { json: "application/json", protobuf: "application/x-protobuf" };

/** gRPC status codes OTLP/HTTP error bodies carry, by HTTP status. */
const RPC_CODE: Record<number, number> = { 400: 3, 401: 16, 403: 7, 405: 12, 413: 8, 415: 3, 429: 8 };

function encode(format: OtlpFormat, type: typeof RpcStatus, value: Record<string, unknown>): Uint8Array | string {
  const message = type.fromObject(value);
  if (format === "json") return JSON.stringify(type.toObject(message, { longs: String }));
  return type.encode(message).finish();
}

function respond(status: number, format: OtlpFormat, body: Uint8Array | string, headers: Record<string, string> = {}): Response {
  return new Response(body as BodyInit, { status, headers: { "content-type": CONTENT_TYPE[format], ...headers } });
}

/** The `ExportTraceServiceResponse`; `partialSuccess` only when spans were rejected or there is a warning. */
export function exportResponse(format: OtlpFormat, rejectedSpans: number, errorMessage: string): Response {
  const value = rejectedSpans > 0 || errorMessage ? { partialSuccess: { rejectedSpans, errorMessage } } : {};
  return respond(200, format, encode(format, ExportTraceServiceResponse, value));
}

/** An OTLP/HTTP error: a `google.rpc.Status` body in the request's encoding. */
export function statusError(status: number, format: OtlpFormat, message: string, headers: Record<string, string> = {}): Response {
  return respond(status, format, encode(format, RpcStatus, { code: RPC_CODE[status] ?? 2, message }), headers);
}
