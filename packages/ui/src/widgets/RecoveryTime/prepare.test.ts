import { describe, expect, it } from "vitest";
import { isRecoveryEmpty, prepareRecoveryTime, type ReliabilityData } from "./prepare.js";

const row = { availability: 1, incidents: [], ongoing: 0 };
const data: ReliabilityData = {
  availability: 0.99,
  mttrMs: 300_000,
  incidentCount: 0,
  ongoing: 3,
  rows: [
    { ...row, provider: "openai", model: "gpt-4o", mttrMs: 120_000, ongoing: 2 },
    { ...row, provider: "anthropic", model: "claude-sonnet-4-5", mttrMs: 600_000 },
    { ...row, provider: "google", model: "gemini-2.5-pro", mttrMs: null, ongoing: 1 },
    { ...row, provider: "azure", model: "gpt-4o", mttrMs: 120_000 },
  ],
  previous: { availability: 0.98, mttrMs: 200_000, incidentCount: 0, ongoing: 0 },
};

describe("prepareRecoveryTime", () => {
  it("ranks models with a recovered streak slowest first (ties by name) and notes ongoing streaks", () => {
    const view = prepareRecoveryTime(data, (n) => `${n} ongoing`);
    expect(view.bars).toEqual([
      { key: "anthropic\u0000claude-sonnet-4-5", label: "anthropic · claude-sonnet-4-5", value: 600_000, detail: undefined },
      { key: "azure\u0000gpt-4o", label: "azure · gpt-4o", value: 120_000, detail: undefined },
      { key: "openai\u0000gpt-4o", label: "openai · gpt-4o", value: 120_000, detail: "2 ongoing" },
    ]);
    expect(view.withoutRecovery).toBe(1);
  });

  it("keeps the overall MTTR, its previous value and the ongoing count", () => {
    expect(prepareRecoveryTime(data, String)).toMatchObject({ mttrMs: 300_000, previousMttrMs: 200_000, noPrevious: false, ongoing: 3 });
    const previous = { availability: null, mttrMs: null, incidentCount: 0, ongoing: 0 };
    expect(prepareRecoveryTime({ ...data, previous }, String)).toMatchObject({ previousMttrMs: undefined, noPrevious: true });
  });

  it("is empty without any provider + model", () => {
    expect(isRecoveryEmpty(data)).toBe(false);
    expect(isRecoveryEmpty({ ...data, rows: [] })).toBe(true);
  });
});
