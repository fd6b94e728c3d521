import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPromptmeter, type Promptmeter } from "../src/create-promptmeter.js";
import type { CorsOptions } from "../src/http/cors.js";
import { openTestStore, type TestStore } from "./dialects.js";
import { event } from "./fixtures.js";
import { projectWithKeys, type TestProject } from "./http-harness.js";

const ADMIN = "https://admin.example.com";
const EVIL = "https://evil.example";

function preflight(path: string, origin: string): Request {
  return new Request(`http://pm.local${path}`, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" },
  });
}

/** CORS is the same on every database: these run on SQLite only. */
describe("CORS", () => {
  let t: TestStore;
  let p: TestProject;
  const instances: Promptmeter[] = [];
  const handler = async (cors?: CorsOptions) => {
    const pm = await createPromptmeter({ db: t.store, ...(cors ? { cors } : {}) });
    instances.push(pm);
    return pm.fetchHandler;
  };
  const overview = (origin: string | null, prefix = "") =>
    new Request(`http://pm.local${prefix}/trpc/kpi.overview?input=${encodeURIComponent('{"range":{"last":"24h"}}')}`, {
      headers: { authorization: `Bearer ${p.readKey}`, ...(origin ? { origin } : {}) },
    });
  const ingest = (origin: string) =>
    new Request("http://pm.local/v1/events", {
      method: "POST",
      headers: { origin, authorization: `Bearer ${p.ingestKey}`, "content-type": "application/json" },
      body: JSON.stringify({ events: [event()] }),
    });

  beforeAll(async () => {
    t = await openTestStore("sqlite");
    p = await projectWithKeys(t.store, "cors");
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("is closed by default: preflights answer 403 in JSON and answers carry no CORS header", async () => {
    const fetchHandler = await handler();
    for (const path of ["/v1/events", "/v1/traces", "/v1/export", "/trpc/kpi.overview"]) {
      const res = await fetchHandler(preflight(path, ADMIN));
      expect(res.status, path).toBe(403);
      expect(await res.json()).toEqual({ error: { code: "cors_forbidden", message: expect.stringContaining(ADMIN) } });
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
      expect(res.headers.get("vary")).toMatch(/Origin/);
    }
    const read = await fetchHandler(overview(ADMIN));
    expect(read.status).toBe(200);
    expect(read.headers.get("access-control-allow-origin")).toBeNull();
    expect(read.headers.get("vary")).not.toMatch(/Origin/);
    // A preflight is not an ingest call: without the preflight headers OPTIONS is just a wrong method.
    const options = await fetchHandler(new Request("http://pm.local/v1/events", { method: "OPTIONS" }));
    expect(options.status).toBe(405);
  });

  it("an allow-list for /trpc answers its origins' preflights and requests, and nobody else's", async () => {
    const fetchHandler = await handler({ trpc: [ADMIN] });
    const ok = await fetchHandler(preflight("/trpc/kpi.overview", ADMIN));
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe(ADMIN);
    expect(ok.headers.get("access-control-allow-methods")).toBe("GET, POST");
    expect(ok.headers.get("access-control-allow-headers")).toMatch(/authorization.*content-type/);
    expect(ok.headers.get("access-control-max-age")).toBe("600");
    expect(ok.headers.get("vary")).toMatch(/^Origin\b/);
    expect(ok.headers.get("access-control-allow-credentials")).toBeNull();

    const batch = await fetchHandler(preflight("/trpc/kpi.overview,kpi.cost", ADMIN));
    expect(batch.status).toBe(204);
    expect((await fetchHandler(preflight("/trpc/kpi.overview", EVIL))).status).toBe(403);

    const read = await fetchHandler(overview(ADMIN));
    expect(read.status).toBe(200);
    expect(read.headers.get("access-control-allow-origin")).toBe(ADMIN);
    expect(read.headers.get("access-control-expose-headers")).toMatch(/retry-after/);
    expect(read.headers.get("vary")).toMatch(/\bOrigin\b/);
    expect((await read.json()).result.data.requests).toBe(0);

    // Another origin's request still runs (CORS protects browsers, the key protects data) but the browser cannot read it.
    const evil = await fetchHandler(overview(EVIL));
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    expect(evil.headers.get("vary")).toMatch(/\bOrigin\b/);
    const noOrigin = await fetchHandler(overview(null));
    expect(noOrigin.headers.get("vary")).toMatch(/\bOrigin\b/);

    // /v1/* stays closed, and /healthz is never touched.
    expect((await fetchHandler(preflight("/v1/events", ADMIN))).status).toBe(403);
    const ingested = await fetchHandler(ingest(ADMIN));
    expect(ingested.status).toBe(200);
    expect(ingested.headers.get("access-control-allow-origin")).toBeNull();
    const health = await fetchHandler(new Request("http://pm.local/healthz", { headers: { origin: ADMIN } }));
    expect([...health.headers.keys()].filter((h) => h.startsWith("access-control") || h === "vary")).toEqual([]);
  });

  it("/v1/* opens only when listed; * allows any origin; origins are compared normalized, under any mount prefix", async () => {
    const fetchHandler = await handler({ trpc: ["https://Admin.Example.com:443"], v1: ["*"] });
    const v1 = await fetchHandler(preflight("/v1/events", EVIL));
    expect(v1.status).toBe(204);
    expect(v1.headers.get("access-control-allow-origin")).toBe("*");
    const ingested = await fetchHandler(ingest(EVIL));
    expect(ingested.headers.get("access-control-allow-origin")).toBe("*");
    const mounted = await fetchHandler(overview(ADMIN, "/admin/promptmeter"));
    expect(mounted.status).toBe(200);
    expect(mounted.headers.get("access-control-allow-origin")).toBe(ADMIN);
    expect((await fetchHandler(preflight("/admin/promptmeter/trpc/kpi.cost", ADMIN))).status).toBe(204);
  });

  it("refuses an origin that is not a bare origin when the handler is created", async () => {
    await expect(handler({ trpc: ["https://admin.example.com/dashboard"] })).rejects.toThrow(/bare origin/);
    await expect(handler({ trpc: ["admin.example.com"] })).rejects.toThrow();
  });
});
