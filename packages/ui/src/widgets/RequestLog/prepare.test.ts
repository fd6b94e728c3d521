import { describe, expect, it } from "vitest";
import { createFormatters } from "../../primitives/format.js";
import { detailSections, feedbackRating, firstPage, type LogRow, newerPage, olderPage, readablePayload, statusLabel } from "./prepare.js";

const f = createFormatters("en-US", "UTC");

const row: LogRow = {
  id: "ev_1",
  timestamp: "2026-11-22T10:00:00.000Z",
  provider: "openai",
  model: "gpt-4o",
  responseModel: null,
  status: "success",
  errorType: null,
  errorMessage: null,
  httpStatus: null,
  usage: { inputTokens: 1200, outputTokens: 300, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 40 },
  costUsd: null,
  costSource: "unpriced",
  latencyMs: 1500,
  ttftMs: null,
  streamed: false,
  retries: 1,
  fallback: true,
  fallbackFrom: "gpt-4.1",
  cacheHit: false,
  rescued: true,
  userId: "u1",
  sessionId: null,
  traceId: null,
  feature: "chat",
  environment: "production",
  release: null,
  tags: ["beta", "eu"],
  metadata: { plan: "pro", seats: 3 },
  hasPayload: true,
};

describe("statusLabel", () => {
  it("says OK, Rescued, or the error type", () => {
    expect(statusLabel({ status: "success", errorType: null, rescued: false })).toBe("OK");
    expect(statusLabel({ status: "success", errorType: null, rescued: true })).toBe("Rescued");
    expect(statusLabel({ status: "error", errorType: "rate_limit", rescued: false })).toBe("Rate limit");
    expect(statusLabel({ status: "error", errorType: null, rescued: false })).toBe("Error");
  });
});

describe("log pages", () => {
  it("walks older with each page's cursor and back newer, and stops at both ends", () => {
    let pages = firstPage("k");
    expect(newerPage(pages)).toBe(pages);
    pages = olderPage(pages, "c1");
    pages = olderPage(pages, "c2");
    expect(pages).toEqual({ key: "k", cursors: [null, "c1", "c2"], index: 2 });
    pages = newerPage(pages);
    expect(pages.index).toBe(1);
    expect(pages.cursors[pages.index]).toBe("c1");
    // Going older again from page 2 replaces what lay beyond it with the fresh cursor.
    expect(olderPage(pages, "c2b").cursors).toEqual([null, "c1", "c2b"]);
    expect(olderPage(pages, null)).toBe(pages);
  });
});

describe("readablePayload", () => {
  it("keeps text as text and nothing as nothing", () => {
    expect(readablePayload("hello")).toEqual({ kind: "text", text: "hello" });
    expect(readablePayload(null)).toBeNull();
  });

  it("turns chat messages into role + text, joining text parts and keeping other parts as JSON", () => {
    const payload = [
      { role: "system", content: "Be brief." },
      {
        role: "user",
        content: [
          { type: "text", text: "What is in this picture?" },
          { type: "image_url", image_url: { url: "https://x/y.png" } },
        ],
      },
      { role: "assistant", content: null, tool_calls: [{ id: "t1" }] },
    ];
    expect(readablePayload(payload)).toEqual({
      kind: "messages",
      messages: [
        { role: "system", text: "Be brief.", extra: null },
        { role: "user", text: "What is in this picture?", extra: '{"parts":[{"type":"image_url","image_url":{"url":"https://x/y.png"}}]}' },
        { role: "assistant", text: "", extra: '{"tool_calls":[{"id":"t1"}]}' },
      ],
    });
  });
});

describe("detailSections", () => {
  it("formats the fields, leaves absent ones out, and never shows an unpriced cost as $0", () => {
    const sections = detailSections(row, f);
    expect(sections.map((s) => s.title)).toEqual(["Request", "Usage and cost", "Context"]);
    const get = (label: string) => sections.flatMap((s) => s.fields).find((x) => x.label === label)?.value;
    expect(get("Status")).toBe("Rescued");
    expect(get("Latency")).toBe("1.5 sec");
    expect(get("Fallback")).toBe("Yes, from gpt-4.1");
    expect(get("Input tokens")).toBe("1,200");
    expect(get("Reasoning tokens")).toBe("40");
    expect(get("Cache read tokens")).toBeUndefined();
    expect(get("Cost")).toBe("Unpriced (no price for this model)");
    expect(get("Tags")).toBe("beta, eu");
    expect(get("metadata.seats")).toBe("3");
    expect(get("Session")).toBeUndefined();
    expect(get("Error message")).toBeUndefined();
  });

  it("names the error and prices a priced event with its source", () => {
    const failed = {
      ...row,
      status: "error" as const,
      errorType: "timeout" as const,
      errorMessage: "took too long",
      costUsd: 0.0042,
      costSource: "computed" as const,
    };
    const get = (label: string) =>
      detailSections(failed, f)
        .flatMap((s) => s.fields)
        .find((x) => x.label === label)?.value;
    expect(get("Status")).toBe("Error · Timeout");
    expect(get("Error message")).toBe("took too long");
    expect(get("Cost")).toBe("$0.0042 (computed)");
  });
});

describe("feedbackRating", () => {
  const base = {
    id: "f",
    timestamp: "2026-11-22T10:00:00.000Z",
    eventId: "ev_1",
    sessionId: null,
    userId: null,
    sentiment: "positive" as const,
    comment: null,
  };
  it("says how the rating was given", () => {
    expect(feedbackRating({ ...base, score: 1, thumbs: "up", stars: null }, f)).toBe("Thumbs up");
    expect(feedbackRating({ ...base, score: 0.75, thumbs: null, stars: 4 }, f)).toBe("4 / 5 stars");
    expect(feedbackRating({ ...base, score: 0.8, thumbs: null, stars: null }, f)).toBe("Score 0.8");
  });
});
