import { batch, type CorpusCase, MB, ok, withSibling } from "./case.js";

const KB = 1024;

/** Text every string field must store and return byte for byte. */
const UNICODE = {
  provider: "prøvider-ß",
  model: "gpt-4o-🚀-模型",
  responseModel: "ответ-модель",
  errorMessage:
    "RTL \u202eevil\u202c · ZWJ 👩‍👩‍👧 · combining e\u0301 · astral 𝕏 · BOM \ufeff · NBSP\u00a0· tab\t· newline\n· CR\r· del\u007f",
  fallbackFrom: "مدل",
  userId: "ユーザー-🙂",
  sessionId: "séssion\u2028line-separator\u2029",
  traceId: "𓂀",
  feature: "fête",
  environment: "prød",
  release: "v1.0-βeta",
  tags: ["标签", "🏷️", "e\u0301", "zero-width\u200b"],
  metadata: { ключ: "значение", "🔑": "🔒", n: 1.5, b: false, 'quote"key': "back\\slash" },
  input: [
    { role: "system", content: "Ты — помощник. 你好。" },
    { role: "user", content: [{ type: "text", text: "emoji 😀 and \u0000 and lone \ud800 survive in payloads" }] },
  ],
  output: "réponse avec \u0000 NUL, \udfff lone surrogate, and \u0007 bell",
};

const SQL = [
  "'; DROP TABLE events; --",
  "Robert'); DROP TABLE students;--",
  "1' OR '1'='1",
  '" OR ""="',
  "$1 $2 ::text",
  "%_\\ LIKE wildcards",
  "\\'; SELECT pg_sleep(10); --",
  "0x00; ATTACH DATABASE '/tmp/x' AS x; --",
];
const HTML = [
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "&lt;b&gt; &amp; &#x27; &quot;",
  "javascript:alert(document.cookie)",
  "]]><!--",
  '{"json":"looking","n":1}',
];

const deepArray = (levels: number, leaf: unknown = "x"): unknown => {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
};
/** A chat message whose content nests `levels` arrays: the JSON text, built without recursion. */
const deepMessageJson = (levels: number) => `[{"role":"user","content":${"[".repeat(levels)}"x"${"]".repeat(levels)}}]`;

/** Field lengths, payload sizes and nesting, unicode, NUL and surrogates, SQL- and HTML-looking text. */
export const strings: CorpusCase[] = [
  withSibling("provider of 65 characters", { provider: "p".repeat(65) }, "provider", "64"),
  withSibling("model of 129 characters", { model: "m".repeat(129) }, "model", "128"),
  { name: "model of 128 characters", body: batch(ok("m128", { model: "m".repeat(128) })), status: 200, stored: ["m128"] },
  withSibling("errorMessage of 2,001 characters", { status: "error", errorMessage: "e".repeat(2001) }, "errorMessage", "2000"),
  {
    name: "errorMessage of 2,000 two-byte characters",
    body: batch(ok("e2000", { status: "error", errorMessage: "é".repeat(2000) })),
    status: 200,
    stored: ["e2000"],
  },
  withSibling("errorMessage of 4 MB inside a 5 MB body", { status: "error", errorMessage: "x".repeat(4 * MB) }, "errorMessage", "2000"),
  withSibling("userId of 257 characters", { userId: "u".repeat(257) }, "userId", "256"),
  withSibling("sessionId of 257 characters", { sessionId: "s".repeat(257) }, "sessionId", "256"),
  withSibling("traceId of 257 characters", { traceId: "t".repeat(257) }, "traceId", "256"),
  withSibling("responseModel of 129 characters", { responseModel: "r".repeat(129) }, "responseModel", "128"),
  withSibling("fallbackFrom of 129 characters", { fallback: true, fallbackFrom: "f".repeat(129) }, "fallbackFrom", "128"),
  withSibling("feature of 129 characters", { feature: "f".repeat(129) }, "feature", "128"),
  withSibling("environment of 65 characters", { environment: "e".repeat(65) }, "environment", "64"),
  withSibling("release of 65 characters", { release: "r".repeat(65) }, "release", "64"),
  withSibling("33 tags", { tags: Array.from({ length: 33 }, (_, i) => `t${i}`) }, "tags", "32"),
  withSibling("a tag of 65 characters", { tags: ["t".repeat(65)] }, "tags.0", "64"),
  withSibling(
    "metadata with 65 keys",
    { metadata: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, i])) },
    "metadata",
    "64",
  ),
  withSibling("metadata over 8 KB", { metadata: { a: "x".repeat(4100), b: "y".repeat(4100) } }, "metadata", "8192"),
  withSibling("a metadata key of 129 characters", { metadata: { ["k".repeat(129)]: 1 } }, `metadata.${"k".repeat(129)}`, "128"),
  withSibling("a __proto__ metadata key", { metadata: { ["__proto__"]: "x", a: 1 } }, "metadata", "__proto__"),
  {
    name: "constructor and toString metadata keys are plain keys",
    body: batch(ok("ctor", { metadata: { constructor: "c", toString: "t", hasOwnProperty: 1 } })),
    status: 200,
    stored: ["ctor"],
  },
  withSibling("input of 256 KB + 1 byte", { input: "i".repeat(256 * KB + 1) }, "input", "262144"),
  {
    name: "input of exactly 256 KB (two-byte characters)",
    body: batch(ok("in256", { input: "é".repeat(128 * KB) })),
    status: 200,
    stored: ["in256"],
  },
  withSibling("output messages over 256 KB", { output: [{ role: "assistant", content: "o".repeat(256 * KB) }] }, "output", "262144"),
  withSibling("input nested 65 levels", { input: [{ role: "user", content: deepArray(63) }] }, "input", "64"),
  {
    name: "input nested 64 levels is accepted",
    body: batch(ok("deep64", { input: [{ role: "user", content: deepArray(62) }] })),
    status: 200,
    stored: ["deep64"],
  },
  {
    name: "input nested 200,000 levels",
    body: () => `{"events":[${JSON.stringify(ok("good"))},${JSON.stringify(ok("bad")).slice(0, -1)},"input":${deepMessageJson(200_000)}}]}`,
    status: 207,
    rejected: [[1, "input"]],
    stored: ["good"],
  },
  {
    name: "metadata nested 200,000 levels",
    body: () =>
      `{"events":[${JSON.stringify(ok("good"))},${JSON.stringify(ok("bad")).slice(0, -1)},"metadata":{"a":${"[".repeat(200_000)}${"]".repeat(200_000)}}}]}`,
    status: 207,
    rejected: [[1, "metadata.a"]],
    stored: ["good"],
  },
  {
    name: "unicode in every string field comes back byte-identical",
    body: batch(ok("unicode", { status: "error", errorType: "other", ...UNICODE })),
    status: 200,
    stored: ["unicode"],
  },
  {
    name: "NFC and NFD spellings are not normalized",
    body: batch(ok("nfc", { model: "caf\u00e9", userId: "\u00c5" }), ok("nfd", { model: "cafe\u0301", userId: "A\u030a" })),
    status: 200,
    stored: ["nfc", "nfd"],
  },
  {
    name: "control characters in errorMessage",
    body: batch(ok("ctl", { status: "error", errorMessage: Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join("") })),
    status: 200,
    stored: ["ctl"],
  },
  withSibling("NUL in errorMessage", { status: "error", errorMessage: "before\u0000after" }, "errorMessage", "NUL"),
  withSibling("NUL in model", { model: "gpt\u0000" }, "model", "NUL"),
  withSibling("NUL in id", { id: "bad\u0000" }, "id", "NUL"),
  withSibling("NUL in a tag", { tags: ["\u0000"] }, "tags.0", "NUL"),
  withSibling("NUL in a metadata value", { metadata: { k: "\u0000" } }, "metadata.k", "NUL"),
  withSibling("a lone high surrogate in userId", { userId: "u\ud800" }, "userId", "surrogate"),
  withSibling("a lone low surrogate in sessionId", { sessionId: "\udc00s" }, "sessionId", "surrogate"),
  withSibling("reversed surrogates in model", { model: "\udc00\ud800" }, "model", "surrogate"),
  {
    name: "NUL and lone surrogates inside payloads are kept",
    body: batch(ok("nul-payload", { input: "a\u0000b\ud800c", output: [{ role: "assistant", content: "\u0000\udfff" }] })),
    status: 200,
    stored: ["nul-payload"],
  },
  {
    name: "SQL-looking strings in every text field",
    body: batch(
      ...SQL.map((s, i) =>
        ok(`sql-${i}`, {
          id: `sql-${i}-${s}`.slice(0, 128),
          provider: s.slice(0, 64),
          model: s,
          status: "error",
          errorMessage: s,
          userId: s,
          sessionId: s,
          feature: s,
          environment: s.slice(0, 64),
          release: s.slice(0, 64),
          tags: [s.slice(0, 64)],
          metadata: { [s.slice(0, 64)]: s },
          input: s,
          output: [{ role: "assistant", content: s }],
        }),
      ),
    ),
    status: 200,
    stored: SQL.map((s, i) => `sql-${i}-${s}`.slice(0, 128)),
  },
  {
    name: "HTML-looking strings in every text field",
    body: batch(
      ...HTML.map((s, i) =>
        ok(`html-${i}`, {
          model: s,
          status: "error",
          errorMessage: s,
          userId: s,
          feature: s,
          tags: [s],
          metadata: { h: s },
          input: s,
          output: s,
        }),
      ),
    ),
    status: 200,
    stored: HTML.map((_, i) => `html-${i}`),
  },
  {
    name: "2,000 quote characters in errorMessage",
    body: batch(ok("quotes", { status: "error", errorMessage: `'"\`\\`.repeat(500) })),
    status: 200,
    stored: ["quotes"],
  },
];
