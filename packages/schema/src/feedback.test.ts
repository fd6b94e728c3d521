import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Feedback, type FeedbackInput } from "./feedback.js";

const onEvent = { eventId: "evt_1" } as const;

/** Parses and fails the test with the issues if the input is rejected. */
function accept(input: unknown) {
  const result = Feedback.safeParse(input);
  expect(result.error?.issues).toBeUndefined();
  return result.data!;
}

/** Paths of every issue of a rejected input. */
function rejectionPaths(input: unknown): PropertyKey[][] {
  const result = Feedback.safeParse(input);
  expect(result.success, "expected the input to be rejected").toBe(false);
  return result.error!.issues.map((issue) => issue.path);
}

describe("Feedback target", () => {
  it("accepts an eventId alone, a sessionId alone, or both", () => {
    expect(accept({ eventId: "evt_1", thumbs: "up" }).eventId).toBe("evt_1");
    expect(accept({ sessionId: "sess_1", thumbs: "up" }).sessionId).toBe("sess_1");
    expect(accept({ eventId: "evt_1", sessionId: "sess_1", thumbs: "up" })).toMatchObject({ eventId: "evt_1", sessionId: "sess_1" });
  });

  it("rejects feedback with neither eventId nor sessionId", () => {
    expect(rejectionPaths({ thumbs: "up" })).toEqual([["eventId"]]);
    expect(rejectionPaths({ userId: "u_1", thumbs: "up" })).toEqual([["eventId"]]);
  });

  it.each([
    ["id", 128],
    ["eventId", 128],
    ["sessionId", 256],
    ["userId", 256],
  ] as const)("%s: accepts %d characters, rejects one more, rejects empty and null", (field, max) => {
    const target = field === "eventId" ? { sessionId: "s" } : onEvent;
    expect(accept({ ...target, thumbs: "up", [field]: "a".repeat(max) })[field]).toHaveLength(max);
    expect(rejectionPaths({ ...target, thumbs: "up", [field]: "a".repeat(max + 1) })).toEqual([[field]]);
    expect(rejectionPaths({ ...target, thumbs: "up", [field]: "" })).toEqual([[field]]);
    expect(rejectionPaths({ ...target, thumbs: "up", [field]: null })).toEqual([[field]]);
  });
});

describe("Feedback: exactly one of score, thumbs, stars", () => {
  it("rejects none of them", () => {
    expect(rejectionPaths(onEvent)).toEqual([["score"]]);
  });

  it.each([
    [{ score: 1, thumbs: "up" }],
    [{ score: 0.5, stars: 3 }],
    [{ thumbs: "down", stars: 1 }],
    [{ score: 0, thumbs: "down", stars: 1 }],
  ] satisfies [FeedbackInput][])("rejects two or more: %j", (kinds) => {
    expect(rejectionPaths({ ...onEvent, ...kinds })).toEqual([["score"]]);
  });

  it("reports a missing target and a missing kind together", () => {
    expect(rejectionPaths({ comment: "meh" })).toEqual([["eventId"], ["score"]]);
  });
});

describe("Feedback score", () => {
  it.each([0, 0.42, 1])("accepts score %d and keeps it as given", (score) => {
    expect(accept({ ...onEvent, score }).score).toBe(score);
  });

  it.each([-0.01, 1.01, -1, 2, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, "0.5", null, true])(
    "rejects %j",
    (score) => {
      expect(rejectionPaths({ ...onEvent, score })).toEqual([["score"]]);
    },
  );
});

describe("Feedback thumbs", () => {
  it("normalizes up to 1 and down to 0", () => {
    expect(accept({ ...onEvent, thumbs: "up" }).score).toBe(1);
    expect(accept({ ...onEvent, thumbs: "down" }).score).toBe(0);
  });

  it.each(["sideways", "UP", "", true, 1, null])("rejects %j", (thumbs) => {
    expect(rejectionPaths({ ...onEvent, thumbs })).toEqual([["thumbs"]]);
  });
});

describe("Feedback stars", () => {
  // (s − 1) / 4 worked out by hand.
  it.each([
    [1, 0],
    [2, 0.25],
    [3, 0.5],
    [4, 0.75],
    [5, 1],
  ])("normalizes %d stars to %d", (stars, score) => {
    const parsed = accept({ ...onEvent, stars });
    expect(parsed.score).toBe(score);
    expect(parsed.stars).toBe(stars);
  });

  it.each([0, 6, -1, 2.5, 4.999, Number.NaN, Number.POSITIVE_INFINITY, "3", null])("rejects %j", (stars) => {
    expect(rejectionPaths({ ...onEvent, stars })).toEqual([["stars"]]);
  });
});

describe("Feedback sentiment", () => {
  it.each([
    [{ score: 1 }, "positive"],
    [{ score: 0.7 }, "positive"],
    [{ score: 0.69 }, "neutral"],
    [{ score: 0.5 }, "neutral"],
    [{ score: 0.31 }, "neutral"],
    [{ score: 0.3 }, "negative"],
    [{ score: 0 }, "negative"],
    [{ thumbs: "up" }, "positive"],
    [{ thumbs: "down" }, "negative"],
    [{ stars: 1 }, "negative"],
    [{ stars: 2 }, "negative"], // 0.25
    [{ stars: 3 }, "neutral"], // 0.5
    [{ stars: 4 }, "positive"], // 0.75
    [{ stars: 5 }, "positive"],
  ] as const)("derives from %j: %s", (kind, sentiment) => {
    expect(accept({ ...onEvent, ...kind }).sentiment).toBe(sentiment);
  });

  it.each([
    [{ thumbs: "up" }, "negative"],
    [{ score: 0.1 }, "positive"],
    [{ stars: 3 }, "positive"],
    [{ score: 0.9 }, "neutral"],
  ] as const)("keeps a given sentiment over the derived one: %j with %s", (kind, sentiment) => {
    expect(accept({ ...onEvent, ...kind, sentiment }).sentiment).toBe(sentiment);
  });

  it.each(["happy", "Positive", "", null, 1])("rejects sentiment %j", (sentiment) => {
    expect(rejectionPaths({ ...onEvent, thumbs: "up", sentiment })).toEqual([["sentiment"]]);
  });
});

describe("Feedback comment", () => {
  it("accepts 4000 characters and rejects 4001", () => {
    expect(accept({ ...onEvent, thumbs: "up", comment: "c".repeat(4000) }).comment).toHaveLength(4000);
    expect(rejectionPaths({ ...onEvent, thumbs: "up", comment: "c".repeat(4001) })).toEqual([["comment"]]);
  });

  it("accepts an empty comment and rejects null or a number", () => {
    expect(accept({ ...onEvent, thumbs: "up", comment: "" }).comment).toBe("");
    expect(rejectionPaths({ ...onEvent, thumbs: "up", comment: null })).toEqual([["comment"]]);
    expect(rejectionPaths({ ...onEvent, thumbs: "up", comment: 5 })).toEqual([["comment"]]);
  });
});

describe("Feedback timestamp", () => {
  // 2024-06-15T12:00:00.000Z
  const NOW = 1_718_452_800_000;
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("normalizes ISO to epoch ms and is absent when not given", () => {
    expect(accept({ ...onEvent, thumbs: "up", timestamp: "2024-06-15T12:00:00Z" }).timestamp).toBe(NOW);
    expect(accept({ ...onEvent, thumbs: "up" }).timestamp).toBeUndefined();
  });

  it("applies the event time window: 24 h ahead at most, not before 2000", () => {
    expect(accept({ ...onEvent, thumbs: "up", timestamp: NOW + 86_400_000 }).timestamp).toBe(NOW + 86_400_000);
    expect(rejectionPaths({ ...onEvent, thumbs: "up", timestamp: NOW + 86_400_001 })).toEqual([["timestamp"]]);
    expect(rejectionPaths({ ...onEvent, thumbs: "up", timestamp: 946_684_799_999 })).toEqual([["timestamp"]]);
  });

  it.each(["1718452800000", Number.NaN, null])("rejects %j", (timestamp) => {
    expect(rejectionPaths({ ...onEvent, thumbs: "up", timestamp })).toEqual([["timestamp"]]);
  });
});

describe("Feedback output", () => {
  it("returns the normalized score and derived sentiment beside the given fields", () => {
    expect(accept({ sessionId: "sess_9", userId: "u_3", stars: 4, comment: "good" })).toEqual({
      sessionId: "sess_9",
      userId: "u_3",
      stars: 4,
      comment: "good",
      score: 0.75,
      sentiment: "positive",
    });
  });

  it.each([[null], ["up"], [[]]])("rejects a non-object: %j", (input) => {
    expect(rejectionPaths(input)).toEqual([[]]);
  });
});
