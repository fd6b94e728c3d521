import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ERROR_TYPES, LlmEvent, type LlmEventInput, makeLlmEventSchema } from "./event.js";

/** The smallest event SPEC §1 accepts: the four required fields. */
const minimal = { provider: "openai", model: "gpt-4o", status: "success", latencyMs: 120 } as const satisfies LlmEventInput;

/** Parses and fails the test with the issues if the input is rejected. */
function accept(input: unknown, schema = LlmEvent) {
  const result = schema.safeParse(input);
  expect(result.error?.issues).toBeUndefined();
  return result.data!;
}

/** Paths of every issue of a rejected input. */
function rejectionPaths(input: unknown, schema = LlmEvent): PropertyKey[][] {
  const result = schema.safeParse(input);
  expect(result.success, "expected the input to be rejected").toBe(false);
  return result.error!.issues.map((issue) => issue.path);
}

const repeat = (char: string, times: number) => char.repeat(times);

describe("LlmEvent required fields", () => {
  it("accepts the four required fields alone and fills the SPEC defaults", () => {
    expect(accept(minimal)).toEqual({
      provider: "openai",
      model: "gpt-4o",
      status: "success",
      latencyMs: 120,
      errorType: undefined,
      environment: "production",
      retries: 0,
      fallback: false,
      streamed: false,
      cacheHit: false,
      usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
    });
  });

  for (const field of ["provider", "model", "status", "latencyMs"] as const) {
    it(`rejects an event without ${field}`, () => {
      const { [field]: _omitted, ...rest } = minimal;
      expect(rejectionPaths(rest)).toEqual([[field]]);
    });
  }

  it.each(["provider", "model"] as const)("rejects an empty %s", (field) => {
    expect(rejectionPaths({ ...minimal, [field]: "" })).toEqual([[field]]);
  });

  it.each([[null], [undefined], ["event"], [42], [[]]])("rejects a non-object event %j", (input) => {
    expect(rejectionPaths(input)).toEqual([[]]);
  });
});

describe("LlmEvent string length limits", () => {
  /** [field, SPEC §1 maximum in characters] */
  const limits: [string, number][] = [
    ["id", 128],
    ["provider", 64],
    ["model", 128],
    ["responseModel", 128],
    ["errorMessage", 2000],
    ["fallbackFrom", 128],
    ["userId", 256],
    ["sessionId", 256],
    ["traceId", 256],
    ["feature", 128],
    ["environment", 64],
    ["release", 64],
  ];

  for (const [field, max] of limits) {
    it(`${field}: accepts ${max} characters, rejects ${max + 1}`, () => {
      const atLimit = repeat("a", max);
      expect((accept({ ...minimal, [field]: atLimit }) as Record<string, unknown>)[field]).toBe(atLimit);
      expect(rejectionPaths({ ...minimal, [field]: repeat("a", max + 1) })).toEqual([[field]]);
    });

    it(`${field}: rejects null and a number`, () => {
      expect(rejectionPaths({ ...minimal, [field]: null })).toEqual([[field]]);
      expect(rejectionPaths({ ...minimal, [field]: 7 })).toEqual([[field]]);
    });
  }

  it("rejects an empty id (it would collide as an idempotency key)", () => {
    expect(rejectionPaths({ ...minimal, id: "" })).toEqual([["id"]]);
  });

  it("keeps a given environment and defaults it to 'production'", () => {
    expect(accept({ ...minimal, environment: "staging" }).environment).toBe("staging");
    expect(accept(minimal).environment).toBe("production");
  });
});

describe("LlmEvent status and errorType", () => {
  it("accepts exactly 'success' and 'error'", () => {
    expect(accept({ ...minimal, status: "success" }).status).toBe("success");
    expect(accept({ ...minimal, status: "error" }).status).toBe("error");
  });

  it.each(["ok", "failed", "SUCCESS", "", null, true, 1])("rejects status %j", (status) => {
    expect(rejectionPaths({ ...minimal, status })).toEqual([["status"]]);
  });

  it("lists the ten error types of SPEC §1", () => {
    expect([...ERROR_TYPES].sort()).toEqual(
      [
        "auth",
        "cancelled",
        "content_filter",
        "context_length",
        "invalid_request",
        "network",
        "other",
        "rate_limit",
        "server_error",
        "timeout",
      ].sort(),
    );
  });

  it.each([
    "rate_limit",
    "timeout",
    "server_error",
    "network",
    "auth",
    "invalid_request",
    "context_length",
    "content_filter",
    "cancelled",
    "other",
  ])("keeps errorType %s on an error", (errorType) => {
    expect(accept({ ...minimal, status: "error", errorType }).errorType).toBe(errorType);
  });

  it("defaults errorType to 'other' when status is error", () => {
    expect(accept({ ...minimal, status: "error" }).errorType).toBe("other");
  });

  it("leaves errorType absent on success", () => {
    expect(accept(minimal).errorType).toBeUndefined();
  });

  it("rejects an errorType on success, even 'other'", () => {
    expect(rejectionPaths({ ...minimal, status: "success", errorType: "timeout" })).toEqual([["errorType"]]);
    expect(rejectionPaths({ ...minimal, status: "success", errorType: "other" })).toEqual([["errorType"]]);
  });

  it.each(["quota", "Timeout", "", null])("rejects unknown errorType %j", (errorType) => {
    expect(rejectionPaths({ ...minimal, status: "error", errorType })).toEqual([["errorType"]]);
  });
});

describe("LlmEvent httpStatus", () => {
  it.each([100, 200, 429, 599])("accepts %d", (httpStatus) => {
    expect(accept({ ...minimal, httpStatus }).httpStatus).toBe(httpStatus);
  });

  it.each([99, 600, 0, -200, 200.5, Number.NaN, Number.POSITIVE_INFINITY, "200", null])("rejects %j", (httpStatus) => {
    expect(rejectionPaths({ ...minimal, httpStatus })).toEqual([["httpStatus"]]);
  });
});

describe("LlmEvent usage", () => {
  const tokenFields = ["inputTokens", "outputTokens", "cacheReadTokens", "cacheWriteTokens", "reasoningTokens"] as const;
  /** A consistent usage where every part fits in its total. */
  const consistent = { inputTokens: 1000, outputTokens: 500, cacheReadTokens: 300, cacheWriteTokens: 200, reasoningTokens: 100 };

  it("keeps every token count as given", () => {
    expect(accept({ ...minimal, usage: consistent }).usage).toEqual(consistent);
  });

  it("fills absent token counts with 0", () => {
    expect(accept({ ...minimal, usage: { inputTokens: 12 } }).usage).toEqual({
      inputTokens: 12,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
  });

  for (const field of tokenFields) {
    it(`${field}: accepts 0`, () => {
      expect(accept({ ...minimal, usage: { [field]: 0 } }).usage[field]).toBe(0);
    });

    // A negative total also breaks "parts ≤ total", so the part rule may add its own issue; the field's issue must be there.
    it.each([-1, 1.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, "10", null, true])(
      `${field}: rejects %j`,
      (bad) => {
        expect(rejectionPaths({ ...minimal, usage: { ...consistent, [field]: bad } })).toContainEqual(["usage", field]);
      },
    );
  }

  it("accepts cacheRead + cacheWrite exactly equal to inputTokens", () => {
    const usage = { inputTokens: 100, cacheReadTokens: 60, cacheWriteTokens: 40 };
    expect(accept({ ...minimal, usage }).usage).toMatchObject(usage);
  });

  it("rejects cacheRead + cacheWrite one past inputTokens", () => {
    expect(rejectionPaths({ ...minimal, usage: { inputTokens: 100, cacheReadTokens: 60, cacheWriteTokens: 41 } })).toEqual([
      ["usage", "cacheReadTokens"],
    ]);
    expect(rejectionPaths({ ...minimal, usage: { inputTokens: 100, cacheReadTokens: 101 } })).toEqual([["usage", "cacheReadTokens"]]);
  });

  it("rejects cache tokens without input tokens (cache tokens are part of input)", () => {
    expect(rejectionPaths({ ...minimal, usage: { cacheWriteTokens: 1 } })).toEqual([["usage", "cacheReadTokens"]]);
  });

  it("accepts reasoningTokens equal to outputTokens and rejects one more", () => {
    expect(accept({ ...minimal, usage: { outputTokens: 50, reasoningTokens: 50 } }).usage.reasoningTokens).toBe(50);
    expect(rejectionPaths({ ...minimal, usage: { outputTokens: 50, reasoningTokens: 51 } })).toEqual([["usage", "reasoningTokens"]]);
  });

  it("reports both part rules at once", () => {
    expect(rejectionPaths({ ...minimal, usage: { inputTokens: 1, cacheReadTokens: 2, outputTokens: 1, reasoningTokens: 2 } })).toEqual([
      ["usage", "cacheReadTokens"],
      ["usage", "reasoningTokens"],
    ]);
  });

  it.each([[null], ["1000"], [[1, 2]]])("rejects usage %j", (usage) => {
    expect(rejectionPaths({ ...minimal, usage })).toEqual([["usage"]]);
  });
});

describe("LlmEvent costs, latency and retries", () => {
  it("accepts costUsd 0 and a fraction of a cent", () => {
    expect(accept({ ...minimal, costUsd: 0 }).costUsd).toBe(0);
    expect(accept({ ...minimal, costUsd: 0.000125 }).costUsd).toBe(0.000125);
  });

  it("leaves costUsd absent when not reported (never $0 for an unpriced model)", () => {
    expect(accept(minimal).costUsd).toBeUndefined();
  });

  it("accepts latencyMs 0 and fractional latencies", () => {
    expect(accept({ ...minimal, latencyMs: 0 }).latencyMs).toBe(0);
    expect(accept({ ...minimal, latencyMs: 12.75 }).latencyMs).toBe(12.75);
  });

  const nonNegativeNumbers = ["costUsd", "latencyMs", "ttftMs"] as const;
  for (const field of nonNegativeNumbers) {
    it.each([-0.000001, -1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, "1", "", null, false])(
      `${field}: rejects %j`,
      (bad) => {
        expect(rejectionPaths({ ...minimal, latencyMs: 1000, [field]: bad })).toEqual([[field]]);
      },
    );
  }

  it("accepts ttftMs equal to latencyMs and 0", () => {
    expect(accept({ ...minimal, latencyMs: 120, ttftMs: 120 }).ttftMs).toBe(120);
    expect(accept({ ...minimal, latencyMs: 120, ttftMs: 0 }).ttftMs).toBe(0);
  });

  it("rejects ttftMs just past latencyMs", () => {
    expect(rejectionPaths({ ...minimal, latencyMs: 120, ttftMs: 120.001 })).toEqual([["ttftMs"]]);
    expect(rejectionPaths({ ...minimal, latencyMs: 0, ttftMs: 1 })).toEqual([["ttftMs"]]);
  });

  it("accepts retries 0 and 100", () => {
    expect(accept({ ...minimal, retries: 0 }).retries).toBe(0);
    expect(accept({ ...minimal, retries: 100 }).retries).toBe(100);
  });

  it.each([101, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "2", null])("rejects retries %j", (retries) => {
    expect(rejectionPaths({ ...minimal, retries })).toEqual([["retries"]]);
  });

  it.each(["streamed", "fallback", "cacheHit"] as const)("%s: keeps a boolean, defaults to false, rejects 'true', 1 and null", (field) => {
    expect(accept({ ...minimal, [field]: true })[field]).toBe(true);
    expect(accept(minimal)[field]).toBe(false);
    expect(rejectionPaths({ ...minimal, [field]: "true" })).toEqual([[field]]);
    expect(rejectionPaths({ ...minimal, [field]: 1 })).toEqual([[field]]);
    expect(rejectionPaths({ ...minimal, [field]: null })).toEqual([[field]]);
  });
});

describe("LlmEvent tags", () => {
  const tag64 = repeat("t", 64);

  it("accepts 32 tags of 64 characters", () => {
    const tags = Array.from({ length: 32 }, (_, i) => `${i}`.padEnd(64, "t"));
    expect(accept({ ...minimal, tags }).tags).toEqual(tags);
    expect(accept({ ...minimal, tags: [tag64] }).tags).toEqual([tag64]);
  });

  it("accepts no tags", () => {
    expect(accept({ ...minimal, tags: [] }).tags).toEqual([]);
  });

  it("rejects a 33rd tag", () => {
    const tags = Array.from({ length: 33 }, (_, i) => `tag-${i}`);
    expect(rejectionPaths({ ...minimal, tags })).toEqual([["tags"]]);
  });

  it("rejects a tag of 65 characters and names its index", () => {
    expect(rejectionPaths({ ...minimal, tags: [repeat("t", 65)] })).toEqual([["tags", 0]]);
    expect(rejectionPaths({ ...minimal, tags: ["a", "b", "c", repeat("t", 65)] })).toEqual([["tags", 3]]);
  });

  it.each([[[1]], [[null]], [["ok", { tag: "x" }]]])("rejects non-string tags %j", (tags) => {
    expect(rejectionPaths({ ...minimal, tags })).toEqual([["tags", tags.length - 1]]);
  });

  it.each([["a,b"], [null], [{ a: true }]])("rejects tags that are not an array: %j", (tags) => {
    expect(rejectionPaths({ ...minimal, tags })).toEqual([["tags"]]);
  });
});

describe("LlmEvent metadata", () => {
  const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));

  it("accepts string, number and boolean values", () => {
    const metadata = { plan: "pro", seats: 3, ratio: 0.5, trial: false };
    expect(accept({ ...minimal, metadata }).metadata).toEqual(metadata);
  });

  it("accepts 64 keys and rejects 65", () => {
    expect(Object.keys(accept({ ...minimal, metadata: keys(64) }).metadata!)).toHaveLength(64);
    expect(rejectionPaths({ ...minimal, metadata: keys(65) })).toEqual([["metadata"]]);
  });

  // `{"k":"` + value + `"}` is 8 bytes of JSON around the value, so the value may take 8192 − 8 = 8184 bytes.
  it("accepts exactly 8192 serialized bytes of ASCII and rejects 8193", () => {
    expect(accept({ ...minimal, metadata: { k: repeat("a", 8184) } }).metadata!.k).toHaveLength(8184);
    expect(rejectionPaths({ ...minimal, metadata: { k: repeat("a", 8185) } })).toEqual([["metadata"]]);
  });

  it("counts UTF-8 bytes, not characters: 2-byte é", () => {
    // 4092 × 2 = 8184 bytes: exactly at the limit; one more ASCII byte is past it.
    expect(accept({ ...minimal, metadata: { k: repeat("é", 4092) } }).metadata!.k).toHaveLength(4092);
    expect(rejectionPaths({ ...minimal, metadata: { k: `${repeat("é", 4092)}a` } })).toEqual([["metadata"]]);
  });

  it("counts UTF-8 bytes, not characters: 3-byte € and 4-byte emoji", () => {
    // 2728 × 3 = 8184 bytes; 2046 × 4 = 8184 bytes. Both are far under 8192 characters.
    expect(accept({ ...minimal, metadata: { k: repeat("€", 2728) } }).metadata).toBeDefined();
    expect(rejectionPaths({ ...minimal, metadata: { k: `${repeat("€", 2728)}a` } })).toEqual([["metadata"]]);
    expect(accept({ ...minimal, metadata: { k: repeat("😀", 2046) } }).metadata).toBeDefined();
    expect(rejectionPaths({ ...minimal, metadata: { k: `${repeat("😀", 2046)}a` } })).toEqual([["metadata"]]);
  });

  it("counts keys and punctuation in the serialized size", () => {
    // {"aa":"…","bb":"…"}: 2 braces + 2 × (4-char key + colon + 2 quotes) + 1 comma = 17 bytes around two values of 4000 and 4175.
    expect(accept({ ...minimal, metadata: { aa: repeat("x", 4000), bb: repeat("y", 4175) } }).metadata).toBeDefined();
    expect(rejectionPaths({ ...minimal, metadata: { aa: repeat("x", 4000), bb: repeat("y", 4176) } })).toEqual([["metadata"]]);
  });

  it.each([{ nested: { a: 1 } }, { list: [1, 2] }, { missing: null }, { nan: Number.NaN }, { inf: Number.POSITIVE_INFINITY }])(
    "rejects a value that is not a string, finite number or boolean: %j",
    (metadata) => {
      const [key] = Object.keys(metadata);
      expect(rejectionPaths({ ...minimal, metadata })).toEqual([["metadata", key]]);
    },
  );

  it.each([[null], ["plan=pro"], [[["plan", "pro"]]]])("rejects metadata %j", (metadata) => {
    expect(rejectionPaths({ ...minimal, metadata })).toEqual([["metadata"]]);
  });
});

describe("LlmEvent input and output payloads", () => {
  const KB256 = 262_144; // 256 × 1024

  it("accepts a plain string and a chat-messages array", () => {
    const input = [
      { role: "system", content: "Be brief." },
      { role: "user", content: [{ type: "text", text: "Hi" }] },
      { role: "assistant", content: null, tool_calls: [{ id: "call_1" }] },
      { role: "tool" },
    ];
    const parsed = accept({ ...minimal, input, output: "Hello!" });
    expect(parsed.input).toEqual(input);
    expect(parsed.output).toBe("Hello!");
  });

  for (const field of ["input", "output"] as const) {
    it(`${field}: accepts exactly 256 KB of text and rejects one byte more`, () => {
      expect(accept({ ...minimal, [field]: repeat("a", KB256) })[field]).toHaveLength(KB256);
      expect(rejectionPaths({ ...minimal, [field]: repeat("a", KB256 + 1) })).toEqual([[field]]);
    });

    it(`${field}: counts UTF-8 bytes (131072 × é = 256 KB)`, () => {
      expect(accept({ ...minimal, [field]: repeat("é", KB256 / 2) })[field]).toHaveLength(KB256 / 2);
      expect(rejectionPaths({ ...minimal, [field]: `${repeat("é", KB256 / 2)}a` })).toEqual([[field]]);
    });

    // [{"role":"user","content":"…"}] wraps the content in 27 + 3 = 30 bytes of JSON.
    it(`${field}: measures a messages array by its JSON`, () => {
      const messages = (content: string) => [{ role: "user", content }];
      expect(accept({ ...minimal, [field]: messages(repeat("a", KB256 - 30)) })[field]).toBeDefined();
      expect(rejectionPaths({ ...minimal, [field]: messages(repeat("a", KB256 - 29)) })).toEqual([[field]]);
    });

    it.each([
      [{ role: "user", content: "hi" }],
      [42],
      [null],
      [[{ content: "no role" }]],
      [["hi"]],
      [[{ role: 1 }]],
      [[{ role: "user", content: 5 }]],
    ])(`${field}: rejects %j`, (payload) => {
      expect(rejectionPaths({ ...minimal, [field]: payload })).toEqual([[field]]);
    });
  }

  it("honours a custom maxPayloadBytes, smaller than the default", () => {
    const schema = makeLlmEventSchema({ maxPayloadBytes: 10 });
    expect(accept({ ...minimal, input: "0123456789" }, schema).input).toBe("0123456789");
    expect(rejectionPaths({ ...minimal, input: "0123456789x" }, schema)).toEqual([["input"]]);
    expect(accept({ ...minimal, output: "ééééé" }, schema).output).toBe("ééééé");
    expect(rejectionPaths({ ...minimal, output: "ééééé!" }, schema)).toEqual([["output"]]);
  });

  it("honours a custom maxPayloadBytes, larger than the default", () => {
    const schema = makeLlmEventSchema({ maxPayloadBytes: 512 * 1024 });
    expect(accept({ ...minimal, input: repeat("a", 512 * 1024) }, schema).input).toHaveLength(524_288);
    expect(rejectionPaths({ ...minimal, input: repeat("a", 512 * 1024 + 1) }, schema)).toEqual([["input"]]);
  });

  it("keeps the 256 KB default when options are empty", () => {
    const schema = makeLlmEventSchema({});
    expect(accept({ ...minimal, input: repeat("a", KB256) }, schema).input).toHaveLength(KB256);
    expect(rejectionPaths({ ...minimal, input: repeat("a", KB256 + 1) }, schema)).toEqual([["input"]]);
  });
});

describe("LlmEvent timestamp", () => {
  // Now pinned at 2024-06-15T12:00:00.000Z = 19889 days × 86 400 000 ms + 12 h.
  const NOW = 1_718_452_800_000;
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("normalizes an ISO string to epoch ms and keeps epoch ms", () => {
    expect(accept({ ...minimal, timestamp: "2024-06-15T12:00:00.000Z" }).timestamp).toBe(NOW);
    expect(accept({ ...minimal, timestamp: NOW }).timestamp).toBe(NOW);
  });

  it("is left absent when not given (the server stamps it)", () => {
    expect(accept(minimal).timestamp).toBeUndefined();
  });

  it("accepts exactly 24 h ahead and rejects 1 ms more", () => {
    expect(accept({ ...minimal, timestamp: NOW + 86_400_000 }).timestamp).toBe(NOW + 86_400_000);
    expect(rejectionPaths({ ...minimal, timestamp: NOW + 86_400_001 })).toEqual([["timestamp"]]);
  });

  it("accepts 2000-01-01T00:00:00Z and rejects 1 ms earlier", () => {
    expect(accept({ ...minimal, timestamp: 946_684_800_000 }).timestamp).toBe(946_684_800_000);
    expect(rejectionPaths({ ...minimal, timestamp: 946_684_799_999 })).toEqual([["timestamp"]]);
  });

  it.each(["1718452800000", "1", "yesterday", "", Number.NaN, Number.POSITIVE_INFINITY, null, true, 1_718_452_800])(
    "rejects %j",
    (timestamp) => {
      expect(rejectionPaths({ ...minimal, timestamp })).toEqual([["timestamp"]]);
    },
  );
});

describe("LlmEvent null where a field is optional", () => {
  it.each(["id", "timestamp", "responseModel", "errorType", "errorMessage", "usage", "costUsd", "ttftMs", "metadata", "input", "output"])(
    "rejects %s: null",
    (field) => {
      expect(rejectionPaths({ ...minimal, status: "error", [field]: null })).toEqual([[field]]);
    },
  );
});

describe("LlmEvent field independence", () => {
  it("accepts a full event at every limit at once", () => {
    const full = {
      id: repeat("i", 128),
      timestamp: "2024-01-01T00:00:00Z",
      provider: repeat("p", 64),
      model: repeat("m", 128),
      responseModel: repeat("r", 128),
      status: "error",
      errorType: "rate_limit",
      errorMessage: repeat("e", 2000),
      httpStatus: 429,
      usage: { inputTokens: 10, outputTokens: 4, cacheReadTokens: 6, cacheWriteTokens: 4, reasoningTokens: 4 },
      costUsd: 0,
      latencyMs: 900,
      ttftMs: 900,
      streamed: true,
      retries: 100,
      fallback: true,
      fallbackFrom: repeat("f", 128),
      cacheHit: false,
      userId: repeat("u", 256),
      sessionId: repeat("s", 256),
      traceId: repeat("t", 256),
      feature: repeat("F", 128),
      environment: repeat("E", 64),
      release: repeat("R", 64),
      tags: Array.from({ length: 32 }, () => repeat("g", 64)),
      metadata: { k: repeat("a", 8184) },
      input: "question",
      output: [{ role: "assistant", content: "answer" }],
    };
    const parsed = accept(full);
    expect(parsed.timestamp).toBe(1_704_067_200_000);
    expect(parsed.errorType).toBe("rate_limit");
    expect(parsed.retries).toBe(100);
  });

  it("reports each broken field on its own path", () => {
    const paths = rejectionPaths({ ...minimal, provider: repeat("p", 65), httpStatus: 600, tags: [repeat("t", 65)] });
    expect(paths).toEqual(expect.arrayContaining([["provider"], ["httpStatus"], ["tags", 0]]));
    expect(paths).toHaveLength(3);
  });
});
