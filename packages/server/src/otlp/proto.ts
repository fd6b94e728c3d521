import protobuf from "protobufjs/light.js";

const repeated = (type: string, id: number) => ({ rule: "repeated", type, id });

/**
 * The OTLP trace messages (opentelemetry-proto `collector/trace/v1`, `trace/v1`, `common/v1`,
 * `resource/v1`) with their official field numbers and types, as a protobufjs reflection root.
 * otlp-transformer 0.217 only generates the metrics messages and newer versions ship no
 * decoder at all, so protobufjs decodes from this descriptor. Only the fields Promptmeter
 * reads are listed; protobuf decoders skip the rest by design.
 */
const descriptor = {
  nested: {
    common: {
      nested: {
        AnyValue: {
          oneofs: { value: { oneof: ["stringValue", "boolValue", "intValue", "doubleValue", "arrayValue", "kvlistValue", "bytesValue"] } },
          fields: {
            stringValue: { type: "string", id: 1 },
            boolValue: { type: "bool", id: 2 },
            intValue: { type: "int64", id: 3 },
            doubleValue: { type: "double", id: 4 },
            arrayValue: { type: "ArrayValue", id: 5 },
            kvlistValue: { type: "KeyValueList", id: 6 },
            bytesValue: { type: "bytes", id: 7 },
          },
        },
        ArrayValue: { fields: { values: repeated("AnyValue", 1) } },
        KeyValueList: { fields: { values: repeated("KeyValue", 1) } },
        KeyValue: { fields: { key: { type: "string", id: 1 }, value: { type: "AnyValue", id: 2 } } },
        Resource: { fields: { attributes: repeated("KeyValue", 1) } },
      },
    },
    trace: {
      nested: {
        ExportTraceServiceRequest: { fields: { resourceSpans: repeated("ResourceSpans", 1) } },
        ResourceSpans: { fields: { resource: { type: "common.Resource", id: 1 }, scopeSpans: repeated("ScopeSpans", 2) } },
        ScopeSpans: { fields: { spans: repeated("Span", 2) } },
        Span: {
          fields: {
            traceId: { type: "bytes", id: 1 },
            spanId: { type: "bytes", id: 2 },
            name: { type: "string", id: 5 },
            startTimeUnixNano: { type: "fixed64", id: 7 },
            endTimeUnixNano: { type: "fixed64", id: 8 },
            attributes: repeated("common.KeyValue", 9),
            events: repeated("SpanEvent", 11),
            status: { type: "Status", id: 15 },
          },
        },
        SpanEvent: { fields: { name: { type: "string", id: 2 }, attributes: repeated("common.KeyValue", 3) } },
        Status: { fields: { message: { type: "string", id: 2 }, code: { type: "int32", id: 3 } } },
        ExportTraceServiceResponse: { fields: { partialSuccess: { type: "ExportTracePartialSuccess", id: 1 } } },
        ExportTracePartialSuccess: { fields: { rejectedSpans: { type: "int64", id: 1 }, errorMessage: { type: "string", id: 2 } } },
      },
    },
    /** google.rpc.Status: the body OTLP/HTTP servers answer errors with. */
    RpcStatus: { fields: { code: { type: "int32", id: 1 }, message: { type: "string", id: 2 } } },
  },
};

const root = protobuf.Root.fromJSON(descriptor);

export const ExportTraceServiceRequest = root.lookupType("trace.ExportTraceServiceRequest");
export const ExportTraceServiceResponse = root.lookupType("trace.ExportTraceServiceResponse");
export const RpcStatus = root.lookupType("RpcStatus");
