import { calcPrice } from "@pydantic/genai-prices";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureProject } from "../src/auth/projects.js";
import { createPromptmeter, type Promptmeter } from "../src/create-promptmeter.js";
import { appRouter } from "../src/router.js";
import { DIALECTS, dialectAvailable, openTestStore, type TestStore } from "./dialects.js";
import { event, T0 } from "./fixtures.js";

const AT = new Date(T0);

/** The registry's price for SPEC-meaning usage: input includes cache tokens, output includes reasoning. */
function registry(providerId: string, model: string, u: { input: number; output: number; cacheRead?: number; cacheWrite?: number }) {
  const price = calcPrice(
    { input_tokens: u.input, output_tokens: u.output, cache_read_tokens: u.cacheRead ?? 0, cache_write_tokens: u.cacheWrite ?? 0 },
    model,
    { providerId, timestamp: AT },
  );
  return price?.total_price ?? null;
}

/** Equal up to float rounding (the server may sum per-token rates where the registry sums per-million ones). */
function expectSameCost(actual: number | null, expected: number | null): void {
  expect(expected).not.toBeNull();
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected!), `${actual} vs ${expected}`).toBeLessThanOrEqual(1e-12 * Math.abs(expected!));
}

describe("the price registry's numbers the hand-computed cases rely on", () => {
  it("gpt-4o: $2.50/M input, $1.25/M cached input, $10/M output; claude-sonnet-4-5: $3, $0.30 read, $3.75 write, $15", () => {
    expect(registry("openai", "gpt-4o", { input: 1e6, output: 0 })).toBeCloseTo(2.5, 12);
    expect(registry("openai", "gpt-4o", { input: 1e6, output: 0, cacheRead: 1e6 })).toBeCloseTo(1.25, 12);
    expect(registry("openai", "gpt-4o", { input: 0, output: 1e6 })).toBeCloseTo(10, 12);
    // Below the 200k-token tier.
    expect(registry("anthropic", "claude-sonnet-4-5", { input: 100_000, output: 0 })).toBeCloseTo(0.3, 12);
    expect(registry("anthropic", "claude-sonnet-4-5", { input: 100_000, output: 0, cacheRead: 100_000 })).toBeCloseTo(0.03, 12);
    expect(registry("anthropic", "claude-sonnet-4-5", { input: 100_000, output: 0, cacheWrite: 100_000 })).toBeCloseTo(0.375, 12);
    expect(registry("anthropic", "claude-sonnet-4-5", { input: 0, output: 100_000 })).toBeCloseTo(1.5, 12);
    expect(registry("openai", "o3-mini", { input: 1e6, output: 1e6 })).toBeCloseTo(1.1 + 4.4, 12);
  });
});

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`cost on ${dialect}`, () => {
    let t: TestStore;
    let pm: Promptmeter;
    let projectA: string;
    let projectB: string;

    beforeAll(async () => {
      t = await openTestStore(dialect);
      pm = await createPromptmeter({ db: t.store });
      projectA = (await ensureProject(t.store, "cost-a")).id;
      projectB = (await ensureProject(t.store, "cost-b")).id;
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    /** Ingests one event in a project and returns its stored cost and source. */
    async function stored(projectId: string, overrides: Record<string, unknown>) {
      const id = `cost-${Math.abs(hash(JSON.stringify(overrides)))}-${projectId.slice(-6)}`;
      const result = await pm.ingest.events(projectId, [event({ id, ...overrides })]);
      expect(result).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
      return t.store.db
        .selectFrom("events")
        .select(["cost_usd", "cost_source"])
        .where("project_id", "=", projectId)
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
    }

    it("gpt-4o with cached input: registry price, and $0.04 by hand", async () => {
      const row = await stored(projectA, {
        provider: "openai",
        model: "gpt-4o",
        usage: { inputTokens: 10_000, cacheReadTokens: 4_000, outputTokens: 2_000 },
      });
      expect(row.cost_source).toBe("computed");
      expectSameCost(row.cost_usd, registry("openai", "gpt-4o", { input: 10_000, output: 2_000, cacheRead: 4_000 }));
      // 6,000 uncached × $2.50/M + 4,000 cached × $1.25/M + 2,000 output × $10/M.
      expect(row.cost_usd).toBeCloseTo(0.015 + 0.005 + 0.02, 12);
    });

    it("claude-sonnet-4-5 with cache reads and writes: registry price, and $0.0564 by hand", async () => {
      const row = await stored(projectA, {
        provider: "anthropic",
        model: "claude-sonnet-4-5",
        usage: { inputTokens: 20_000, cacheReadTokens: 8_000, cacheWriteTokens: 4_000, outputTokens: 1_000 },
      });
      expect(row.cost_source).toBe("computed");
      expectSameCost(
        row.cost_usd,
        registry("anthropic", "claude-sonnet-4-5", { input: 20_000, output: 1_000, cacheRead: 8_000, cacheWrite: 4_000 }),
      );
      // 8,000 uncached × $3/M + 8,000 read × $0.30/M + 4,000 written × $3.75/M + 1,000 output × $15/M.
      expect(row.cost_usd).toBeCloseTo(0.024 + 0.0024 + 0.015 + 0.015, 12);
    });

    it("claude-sonnet-4-5 past its 200k-token tier: the tiered registry price", async () => {
      const row = await stored(projectA, {
        provider: "anthropic",
        model: "claude-sonnet-4-5",
        usage: { inputTokens: 300_000, cacheReadTokens: 100_000, outputTokens: 2_000 },
      });
      const expected = registry("anthropic", "claude-sonnet-4-5", { input: 300_000, output: 2_000, cacheRead: 100_000 });
      expectSameCost(row.cost_usd, expected);
      // Dearer than the same usage at the base rates, or the tier was not applied.
      expect(row.cost_usd!).toBeGreaterThan((200_000 * 3 + 100_000 * 0.3 + 2_000 * 15) / 1e6 + 1e-6);
    });

    it("o3-mini: reasoning tokens are priced once, as part of output", async () => {
      const row = await stored(projectA, {
        provider: "openai",
        model: "o3-mini",
        usage: { inputTokens: 1_000, outputTokens: 3_000, reasoningTokens: 2_000 },
      });
      expectSameCost(row.cost_usd, registry("openai", "o3-mini", { input: 1_000, output: 3_000 }));
      expect(row.cost_usd).toBeCloseTo((1_000 * 1.1 + 3_000 * 4.4) / 1e6, 12);
    });

    type Usage = { inputTokens: number; outputTokens: number; cacheReadTokens?: number; reasoningTokens?: number };
    it.each<[string, string, string, Usage]>([
      ["openai", "openai", "gpt-4o-mini", { inputTokens: 3_000, cacheReadTokens: 1_024, outputTokens: 700 }],
      ["google", "google", "gemini-2.5-pro", { inputTokens: 5_000, cacheReadTokens: 1_000, outputTokens: 3_000, reasoningTokens: 1_500 }],
      ["azure", "azure", "gpt-4o", { inputTokens: 2_000, outputTokens: 300 }],
      ["bedrock", "aws", "anthropic.claude-3-5-sonnet-20241022-v2:0", { inputTokens: 4_000, outputTokens: 900 }],
      ["bedrock", "aws", "amazon.nova-pro-v1:0", { inputTokens: 4_000, outputTokens: 900 }],
    ])("%s %s/%s: stored cost equals calcPrice", async (provider, registryProvider, model, usage) => {
      const row = await stored(projectA, { provider, model, usage });
      const expected = registry(registryProvider, model, {
        input: usage.inputTokens,
        output: usage.outputTokens,
        cacheRead: usage.cacheReadTokens ?? 0,
      });
      expect(row.cost_source).toBe("computed");
      expectSameCost(row.cost_usd, expected);
    });

    it("an unknown model is stored unpriced with a null cost, never $0", async () => {
      expect(await stored(projectA, { provider: "openai", model: "acme-internal-llm-7b" })).toEqual({
        cost_usd: null,
        cost_source: "unpriced",
      });
      expect(await stored(projectA, { provider: "my-gateway", model: "acme-internal-llm-7b" })).toEqual({
        cost_usd: null,
        cost_source: "unpriced",
      });
    });

    it("a reported cost is stored as reported, even $0 and even for a priced model or a cache hit", async () => {
      expect(await stored(projectA, { model: "gpt-4o", costUsd: 0.123456, usage: { inputTokens: 999 } })).toEqual({
        cost_usd: 0.123456,
        cost_source: "reported",
      });
      expect(await stored(projectA, { model: "acme-internal-llm-7b", costUsd: 0 })).toEqual({ cost_usd: 0, cost_source: "reported" });
      expect(await stored(projectA, { model: "gpt-4o", cacheHit: true, costUsd: 0.5 })).toEqual({ cost_usd: 0.5, cost_source: "reported" });
    });

    it("a cache hit without a reported cost costs 0, computed", async () => {
      expect(await stored(projectA, { model: "gpt-4o", cacheHit: true, usage: { inputTokens: 5_000, outputTokens: 500 } })).toEqual({
        cost_usd: 0,
        cost_source: "computed",
      });
    });

    it("a per-project price override wins for that project only", async () => {
      const admin = appRouter.createCaller(pm.createContext(null, true));
      await admin.prices.set({ project: "cost-a", model: "acme-ft-1", inputPerMTok: 1, outputPerMTok: 2, cacheReadPerMTok: 0.5 });
      await admin.prices.set({ project: "cost-a", model: "gpt-4o", provider: "openai", inputPerMTok: 100, outputPerMTok: 200 });
      await admin.prices.set({ project: "cost-a", model: "gpt-4o-mini", provider: "azure", inputPerMTok: 7, outputPerMTok: 9 });

      const custom = { model: "acme-ft-1", usage: { inputTokens: 1_000, cacheReadTokens: 200, cacheWriteTokens: 100, outputTokens: 500 } };
      // 700 uncached × $1 + 200 read × $0.50 + 100 written at the input rate (no write rate set) × $1 + 500 × $2, per million.
      expect((await stored(projectA, custom)).cost_usd).toBeCloseTo((700 + 100 + 100 + 1_000) / 1e6, 15);
      expect(await stored(projectB, custom)).toEqual({ cost_usd: null, cost_source: "unpriced" });

      const known = { provider: "openai", model: "gpt-4o", usage: { inputTokens: 1_000, cacheReadTokens: 500, outputTokens: 100 } };
      const a = await stored(projectA, known);
      expect(a.cost_source).toBe("computed");
      expect(a.cost_usd).toBeCloseTo((1_000 * 100 + 100 * 200) / 1e6, 12);
      expectSameCost((await stored(projectB, known)).cost_usd, registry("openai", "gpt-4o", { input: 1_000, output: 100, cacheRead: 500 }));

      // An override bound to one provider leaves the same model under another provider at the registry price.
      const mini = { model: "gpt-4o-mini", usage: { inputTokens: 1_000, outputTokens: 1_000 } };
      expect((await stored(projectA, { ...mini, provider: "azure" })).cost_usd).toBeCloseTo((7_000 + 9_000) / 1e6, 12);
      expectSameCost(
        (await stored(projectA, { ...mini, provider: "openai" })).cost_usd,
        registry("openai", "gpt-4o-mini", { input: 1_000, output: 1_000 }),
      );

      // A reported cost still wins over an override.
      expect(await stored(projectA, { ...custom, costUsd: 0.01 })).toEqual({ cost_usd: 0.01, cost_source: "reported" });

      // Removing the override brings the registry price back.
      await admin.prices.delete({ project: "cost-a", model: "gpt-4o", provider: "openai" });
      const after = await stored(projectA, { ...known, usage: { inputTokens: 1_001, outputTokens: 100 } });
      expectSameCost(after.cost_usd, registry("openai", "gpt-4o", { input: 1_001, output: 100 }));
    });
  });
}

/** A stable small hash, to give each distinct test event its own id. */
function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}
