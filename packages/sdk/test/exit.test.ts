import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { DIALECTS, dialectAvailable, freePort, type Running, startPromptmeter } from "./harness.js";

const child = fileURLToPath(new URL("./fixtures/exit-child.ts", import.meta.url));

/** Runs the child under Node with tsx (sources, no build): its exit code and how long the logger held it open at exit. */
function run(env: Record<string, string>): Promise<{ code: number | null; heldMs: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--conditions=source", "--import", "tsx", child],
      { env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({
          code: error ? ((error as { code?: number }).code ?? 1) : 0,
          heldMs: JSON.parse(stdout || '{"heldMs":-1}').heldMs,
          stderr,
        }),
    );
  });
}

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`flush on process exit on ${dialect}`, () => {
    let pm: Running | undefined;
    afterEach(async () => {
      await pm?.close();
      pm = undefined;
    });

    it("a process that ends without flushing still delivers what it logged", async () => {
      pm = await startPromptmeter(dialect);
      const result = await run({ PM_URL: pm.base, PM_KEY: pm.ingestKey });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.heldMs).toBeGreaterThanOrEqual(0);
      const rows = await pm.t.store.db.selectFrom("events").select(["id", "latency_ms"]).orderBy("id").execute();
      expect(rows).toEqual([
        { id: "exit-0", latency_ms: 10 },
        { id: "exit-1", latency_ms: 11 },
        { id: "exit-2", latency_ms: 12 },
      ]);
    });

    it("with the server down, the exit flush gives up after exitTimeoutMs instead of holding the process", async () => {
      pm = await startPromptmeter(dialect, { listen: false });
      const port = await freePort();
      // The first retry alone would wait 10–20 s (minBackoffMs 20 s); the exit flush stops at 300 ms.
      const result = await run({
        PM_URL: `http://127.0.0.1:${port}`,
        PM_KEY: pm.ingestKey,
        PM_EXIT_TIMEOUT_MS: "300",
        PM_MIN_BACKOFF_MS: "20000",
      });
      expect(result.code).toBe(0);
      expect(result.heldMs).toBeGreaterThanOrEqual(300);
      expect(result.heldMs).toBeLessThan(3000);
    });
  });
}
