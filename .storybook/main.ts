import { fileURLToPath } from "node:url";
import type { StorybookConfig } from "@storybook/react-vite";
import react from "@vitejs/plugin-react";
import { defaultClientConditions, defaultServerConditions, mergeConfig, type PluginOption } from "vite";
import { promptmeterConnection } from "./promptmeter-connection.js";

const serverModule = fileURLToPath(new URL("../packages/ui/test/promptmeter-server.ts", import.meta.url));

function hasPlugin(plugins: PluginOption[] | undefined, name: string): boolean {
  return (plugins ?? []).flat(Number.POSITIVE_INFINITY).some((p) => !!p && typeof p === "object" && "name" in p && p.name === name);
}

const config: StorybookConfig = {
  stories: ["../packages/ui/src/**/*.stories.@(ts|tsx)"],
  addons: ["@storybook/addon-a11y", "@storybook/addon-vitest"],
  framework: { name: "@storybook/react-vite", options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  typescript: { reactDocgen: "react-docgen" },
  viteFinal: (base) =>
    mergeConfig(base, {
      plugins: [...(hasPlugin(base.plugins, "vite:react-babel") ? [] : [react()]), promptmeterConnection({ serverModule })],
      // Workspace packages resolve to their TypeScript sources, as in tests.
      resolve: { conditions: ["source", ...defaultClientConditions] },
      ssr: { resolve: { conditions: ["source", ...defaultServerConditions] } },
    }),
};

export default config;
