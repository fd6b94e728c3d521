import type { Plugin, ViteDevServer } from "vite";

/**
 * `virtual:promptmeter-connection` tells the preview where the seeded Promptmeter server is:
 * - under Vitest: the server test/global-setup.ts started, read with `inject()`;
 * - under `storybook dev`: a server this plugin starts in Node (through Vite, from source) on first use;
 * - in a static build: STORYBOOK_PROMPTMETER_URL / STORYBOOK_PROMPTMETER_KEY, when set at build time.
 */
export function promptmeterConnection(options: { serverModule: string }): Plugin {
  const id = "virtual:promptmeter-connection";
  const resolved = `\0${id}`;
  let dev: ViteDevServer | undefined;
  let started: Promise<{ trpcUrl: string; readKey: string; emptyReadKey: string; close(): Promise<void> }> | undefined;
  return {
    name: "promptmeter:connection",
    configureServer(server) {
      dev = server;
      server.httpServer?.once("close", () => {
        void started?.then((s) => s.close());
      });
    },
    resolveId(source) {
      return source === id ? resolved : null;
    },
    async load(moduleId) {
      if (moduleId !== resolved) return null;
      // biome-ignore lint/suspicious/noUndeclaredEnvVars: set by Vitest itself, not by the build environment
      if (process.env.VITEST) {
        return [
          'import { inject } from "vitest";',
          'const provided = inject("promptmeter");',
          "export const connection = { url: provided.url, apiKey: provided.readKey, emptyApiKey: provided.emptyReadKey };",
        ].join("\n");
      }
      if (dev) {
        const server = dev;
        started ??= server.ssrLoadModule(options.serverModule).then((m) => m.startSeededServer());
        const { trpcUrl, readKey, emptyReadKey } = await started;
        return `export const connection = ${JSON.stringify({ url: trpcUrl, apiKey: readKey, emptyApiKey: emptyReadKey })};`;
      }
      return [
        "export const connection = {",
        "  url: import.meta.env.STORYBOOK_PROMPTMETER_URL ?? '',",
        "  apiKey: import.meta.env.STORYBOOK_PROMPTMETER_KEY ?? '',",
        "  emptyApiKey: import.meta.env.STORYBOOK_PROMPTMETER_EMPTY_KEY ?? '',",
        "};",
      ].join("\n");
    },
  };
}
