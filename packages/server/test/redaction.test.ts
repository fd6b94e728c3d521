import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPromptmeter, type Promptmeter } from "../src/create-promptmeter.js";
import { appRouter } from "../src/router.js";
import { serveOptionsFromEnv } from "../src/serve-env.js";
import { DIALECTS, dialectAvailable, openTestStore, type TestStore } from "./dialects.js";
import { event } from "./fixtures.js";
import { postJson, projectWithKeys, startServer } from "./http-harness.js";

const SECRETS = {
  status: "error",
  errorType: "auth",
  errorMessage: "401 for jane@example.com with key sk-proj-abcdefghijklmnopqrstuvwxyz123456",
  userId: "jane@example.com",
  input: [
    { role: "system", content: "Card on file: 4111 1111 1111 1111." },
    { role: "user", content: [{ type: "text", text: "my AWS key is AKIAIOSFODNN7EXAMPLE, mail bob@corp.example" }] },
  ],
  output: "Use header Authorization: Bearer abcdef1234567890 with pm_read_ABCDEFGHIJKLMNOPQRSTUVWXYZ012345",
};
const REDACTED = {
  errorMessage: "401 for [redacted:email] with key [redacted:api_key]",
  input: [
    { role: "system", content: "Card on file: [redacted:card]." },
    { role: "user", content: [{ type: "text", text: "my AWS key is [redacted:api_key], mail [redacted:email]" }] },
  ],
  output: "Use header Authorization: Bearer [redacted:token] with [redacted:api_key]",
};

describe("serve reads redaction and CORS from the environment", () => {
  it("PROMPTMETER_REDACT=1 turns redaction on; origins are comma lists", () => {
    expect(serveOptionsFromEnv({}).redact).toBe(false);
    expect(serveOptionsFromEnv({ PROMPTMETER_REDACT: "1" }).redact).toBe(true);
    expect(serveOptionsFromEnv({ PROMPTMETER_REDACT: "0" }).redact).toBe(false);
    expect(
      serveOptionsFromEnv({ PROMPTMETER_CORS_ORIGINS: "https://a.example, https://b.example", PROMPTMETER_CORS_INGEST_ORIGINS: "" }).cors,
    ).toEqual({ trpc: ["https://a.example", "https://b.example"], v1: [] });
  });
});

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`payload redaction on ${dialect}`, () => {
    let t: TestStore;
    let redacting: Promptmeter;
    let plain: Promptmeter;
    beforeAll(async () => {
      t = await openTestStore(dialect);
      redacting = await createPromptmeter({ db: t.store, redact: true });
      plain = await createPromptmeter({ db: t.store });
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    const detail = (pm: Promptmeter, projectId: string, id: string) =>
      appRouter.createCaller(pm.createContext({ projectId, canRead: true })).logs.get({ id });

    it("with redact: true, payloads and errorMessage are stored redacted; identifiers are kept", async () => {
      const p = await projectWithKeys(t.store, "redacted");
      const srv = await startServer(t.store, { redact: true });
      try {
        const res = await postJson(`${srv.base}/v1/events`, { events: [event({ id: "r-1", ...SECRETS })] }, p.ingestKey);
        expect(res.body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
      } finally {
        await srv.close();
      }
      const stored = await detail(redacting, p.id, "r-1");
      expect(stored).toMatchObject({ ...REDACTED, userId: "jane@example.com" });
      // Nothing of a secret is left anywhere in the stored rows.
      const rows = JSON.stringify([
        await t.store.db.selectFrom("events").selectAll().where("project_id", "=", p.id).execute(),
        await t.store.db.selectFrom("event_payloads").selectAll().where("project_id", "=", p.id).execute(),
      ]);
      for (const secret of ["4111 1111", "AKIAIOSFODNN7EXAMPLE", "sk-proj-", "abcdef1234567890", "bob@corp", "pm_read_"]) {
        expect(rows).not.toContain(secret);
      }
    });

    it("in-process ingest redacts too; without the option everything is stored as sent", async () => {
      const p = await projectWithKeys(t.store, "both");
      await redacting.ingest.events(p.id, [event({ id: "in-process", ...SECRETS })]);
      await plain.ingest.events(p.id, [event({ id: "as-sent", ...SECRETS })]);
      expect(await detail(plain, p.id, "in-process")).toMatchObject(REDACTED);
      expect(await detail(plain, p.id, "as-sent")).toMatchObject({
        errorMessage: SECRETS.errorMessage,
        input: SECRETS.input,
        output: SECRETS.output,
      });
    });
  });
}
