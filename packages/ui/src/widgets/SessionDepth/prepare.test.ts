import { describe, expect, it } from "vitest";
import { createFormatters } from "../../primitives/format.js";
import { isSessionsEmpty, prepareSessionDepth, type SessionsData } from "./prepare.js";

const f = createFormatters("en-US", "UTC");
const byRequests = [
  { bucket: "1", sessions: 60 },
  { bucket: "2", sessions: 25 },
  { bucket: "3-5", sessions: 12 },
  { bucket: "6-10", sessions: 3 },
  { bucket: "11+", sessions: 0 },
] as SessionsData["byRequests"];
// 60 + 50 + 12 × 4 + 3 × 7 = 179 requests over 100 sessions.
const figures = { sessions: 100, requests: 179, avgRequestsPerSession: 1.79, repeatRate: 79 / 179, sessionsWithFollowUp: 40, byRequests };

describe("prepareSessionDepth", () => {
  it("lists every depth in order with its share of sessions", () => {
    const view = prepareSessionDepth({ ...figures, previous: null }, f);
    expect(view.bars).toEqual([
      { key: "1", label: "1 request", value: 60, detail: "60%" },
      { key: "2", label: "2 requests", value: 25, detail: "25%" },
      { key: "3-5", label: "3–5 requests", value: 12, detail: "12%" },
      { key: "6-10", label: "6–10 requests", value: 3, detail: "3%" },
      { key: "11+", label: "11+ requests", value: 0, detail: "0%" },
    ]);
    expect(view).toMatchObject({ sessions: 100, avgRequestsPerSession: 1.79, sessionsWithFollowUp: 40, noPrevious: false });
  });

  it("compares with a previous period that had sessions, and says so when it had none", () => {
    const previous = { ...figures, sessions: 80, avgRequestsPerSession: 1.5, repeatRate: 0.25 };
    expect(prepareSessionDepth({ ...figures, previous }, f)).toMatchObject({
      previousSessions: 80,
      previousAvg: 1.5,
      previousRepeatRate: 0.25,
      noPrevious: false,
    });
    const none = { ...figures, sessions: 0, requests: 0, avgRequestsPerSession: null, repeatRate: null, sessionsWithFollowUp: 0 };
    expect(prepareSessionDepth({ ...figures, previous: none }, f)).toMatchObject({
      previousSessions: undefined,
      previousAvg: undefined,
      noPrevious: true,
    });
  });

  it("is empty without sessions", () => {
    expect(isSessionsEmpty({ ...figures, previous: null })).toBe(false);
    expect(isSessionsEmpty({ ...figures, sessions: 0, previous: null })).toBe(true);
  });
});
