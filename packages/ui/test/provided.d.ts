declare module "vitest" {
  export interface ProvidedContext {
    /** The seeded server started by test/global-setup.ts. */
    promptmeter: {
      /** tRPC endpoint, e.g. `http://127.0.0.1:PORT/trpc`. */
      url: string;
      /** A read key of the seeded project. */
      readKey: string;
      /** A read key of a second project that holds nothing (no events, no goals). */
      emptyReadKey: string;
      /** The absolute range covering the seeded data. */
      range: { from: string; to: string };
      /** How many events and feedback items were stored. */
      counts: { events: number; feedback: number };
    };
  }
}

export {};
