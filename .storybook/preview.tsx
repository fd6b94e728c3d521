import type { Preview } from "@storybook/react-vite";
import "../packages/ui/src/theme.css";
import "./preview.css";
import { withPromptmeter } from "./promptmeter-decorator.js";

const preview: Preview = {
  decorators: [withPromptmeter],
  globalTypes: {
    theme: {
      description: "Colour theme of the widgets",
      toolbar: {
        title: "Theme",
        icon: "mirror",
        items: [
          { value: "light", title: "Light", icon: "sun" },
          { value: "dark", title: "Dark", icon: "moon" },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: "light" },
  parameters: {
    layout: "fullscreen",
    controls: { matchers: { color: /(background|color)$/i, date: /Date$/i } },
    // Every story is also a test (addon-vitest); an axe violation fails it.
    a11y: { test: "error" },
  },
};

export default preview;
