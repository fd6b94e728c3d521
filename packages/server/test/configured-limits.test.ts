import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPromptmeter, type Promptmeter } from "../src/create-promptmeter.js";
import { openTestStore, type TestStore } from "./dialects.js";
import { event } from "./fixtures.js";
import { projectWithKeys, type TestProject } from "./http-harness.js";

/** The configurable limits; validation does not depend on the database, so this runs on SQLite only. */
describe("configured limits", () => {
  let t: TestStore;
  let pm: Promptmeter;
  let p: TestProject;
  beforeAll(async () => {
    t = await openTestStore("sqlite");
    pm = await createPromptmeter({ db: t.store, maxPayloadBytes: 1024, maxBodyBytes: 64 * 1024 });
    p = await projectWithKeys(t.store, "limits");
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  const post = async (path: string, body: string) => {
    const res = await pm.fetchHandler(
      new Request(`http://pm.local${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${p.ingestKey}`, "content-type": "application/json" },
        body,
      }),
    );
    return { status: res.status, body: (await res.json()) as any };
  };

  it("maxPayloadBytes: a payload of exactly the limit is stored, one byte more is rejected naming the limit", async () => {
    const res = await post(
      "/v1/events",
      JSON.stringify({ events: [event({ id: "at", input: "é".repeat(512) }), event({ id: "over", output: "x".repeat(1025) })] }),
    );
    expect(res.status).toBe(207);
    expect(res.body.accepted).toBe(1);
    expect(res.body.rejected).toEqual([{ index: 1, path: "output", message: "must be at most 1024 bytes" }]);
  });

  it("maxBodyBytes holds on /v1/* and /trpc alike, naming the limit", async () => {
    const big = JSON.stringify({ events: [event({ id: "big" })] }).padEnd(64 * 1024 + 1);
    for (const path of ["/v1/events", "/v1/feedback", "/v1/traces", "/trpc/ingest.events"]) {
      const res = await post(path, big);
      expect(res.status, path).toBe(413);
      expect(JSON.stringify(res.body), path).toContain("65536");
    }
  });
});
