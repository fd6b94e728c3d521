import { describe, expect, it } from "vitest";
import { LlmEvent, nestsDeeperThan } from "./event.js";
import { storedText } from "./stored-text.js";

const base = { provider: "openai", model: "gpt-4o", status: "success", latencyMs: 1 };

describe("storedText", () => {
  const text = storedText(5);
  it("keeps any well-formed text up to the limit, pairs of surrogates included", () => {
    for (const s of ["", "abcde", "😀😀", "e\u0301", "\u200b\ufeff"]) expect(text.parse(s)).toBe(s);
  });
  it("refuses NUL, a lone surrogate, and text over the limit, saying why", () => {
    expect(text.safeParse("a\u0000").error?.issues[0]?.message).toMatch(/NUL/);
    expect(text.safeParse("\ud800").error?.issues[0]?.message).toMatch(/surrogate/);
    expect(text.safeParse("x\udc00").error?.issues[0]?.message).toMatch(/surrogate/);
    expect(text.safeParse("\udc00\ud800").success).toBe(false);
    expect(text.safeParse("abcdef").error?.issues[0]?.message).toBe("must be at most 5 characters");
  });
});

describe("nestsDeeperThan", () => {
  it("counts arrays and objects as levels, scalars as none", () => {
    expect(nestsDeeperThan("x", 0)).toBe(false);
    expect(nestsDeeperThan([], 0)).toBe(true);
    expect(nestsDeeperThan([], 1)).toBe(false);
    expect(nestsDeeperThan([{ a: [1] }], 3)).toBe(false);
    expect(nestsDeeperThan([{ a: [1] }], 2)).toBe(true);
    expect(nestsDeeperThan({ a: 1, b: { c: {} } }, 2)).toBe(true);
  });
  it("answers for a million levels without exhausting the stack", () => {
    let deep: unknown = 0;
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    expect(nestsDeeperThan(deep, 64)).toBe(true);
  });
});

describe("LlmEvent ceilings beyond SPEC", () => {
  it("takes tokens up to 1e9, latency up to 7 days and cost up to $1M, and refuses more", () => {
    expect(LlmEvent.safeParse({ ...base, usage: { inputTokens: 1e9 }, latencyMs: 604_800_000, costUsd: 1e6 }).success).toBe(true);
    const paths = (e: object) => LlmEvent.safeParse({ ...base, ...e }).error?.issues.map((i) => i.path.join("."));
    expect(paths({ usage: { inputTokens: 1e9 + 1 } })).toEqual(["usage.inputTokens"]);
    expect(paths({ latencyMs: 604_800_001 })).toEqual(["latencyMs"]);
    expect(paths({ latencyMs: 10, ttftMs: 604_800_001 })).toEqual(["ttftMs", "ttftMs"]);
    expect(paths({ costUsd: 1e6 + 0.01 })).toEqual(["costUsd"]);
  });
  it("refuses a payload nested deeper than 64 levels and a __proto__ metadata key", () => {
    const nest = (n: number) => {
      let v: unknown = "x";
      for (let i = 0; i < n; i++) v = [v];
      return v;
    };
    // The messages array and the message object are two of the 64 levels.
    expect(LlmEvent.safeParse({ ...base, input: [{ role: "user", content: nest(62) }] }).success).toBe(true);
    const deep = LlmEvent.safeParse({ ...base, input: [{ role: "user", content: nest(63) }] });
    expect(deep.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["input", "must nest at most 64 levels deep"]]);
    const proto = LlmEvent.safeParse({ ...base, metadata: JSON.parse('{"__proto__":"x","a":1}') });
    expect(proto.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["metadata", 'must not use the key "__proto__"']]);
  });
});
