import type { TestProject } from "vitest/node";
import { startSeededServer } from "./promptmeter-server.js";

/** Runs in Node once per test run: one seeded server that every browser test and story talks to over HTTP. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startSeededServer();
  project.provide("promptmeter", {
    url: server.trpcUrl,
    readKey: server.readKey,
    emptyReadKey: server.emptyReadKey,
    range: server.range,
    counts: server.counts,
  });
  return () => server.close();
}
