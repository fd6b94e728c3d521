import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { RequestLog } from "./RequestLog.js";

const meta = { title: "Widgets/RequestLog", component: RequestLog, args: { pageSize: 10 } } satisfies Meta<typeof RequestLog>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The seeded request with a chat payload (seed 42): its range holds just it. */
const PAYLOAD_EVENT_RANGE = { from: "2026-11-22T20:26:11.465Z", to: "2026-11-22T20:26:11.466Z" };

async function openFirstRow(canvasElement: HTMLElement) {
  const canvas = within(canvasElement);
  await waitFor(() => expect(canvasElement.querySelectorAll("tbody tr").length).toBeGreaterThan(0), { timeout: 10_000 });
  const row = canvasElement.querySelector<HTMLElement>("tbody tr");
  row?.focus();
  await userEvent.keyboard("{Enter}");
  await expect(await canvas.findByRole("dialog")).toBeVisible();
  await expect(await canvas.findByRole("region", { name: "Context" }, { timeout: 10_000 })).toBeVisible();
}

export const Data: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelectorAll("tbody tr")).toHaveLength(10), { timeout: 10_000 });
  },
};
export const SearchedErrors: Story = { args: { search: "rate limit" } };
export const Errors: Story = { args: { filters: { status: "error" } } };
/** The drawer of a request with a chat input and a text output. */
export const DetailWithChatPayload: Story = {
  parameters: { promptmeter: { range: PAYLOAD_EVENT_RANGE } },
  play: async ({ canvasElement }) => {
    await openFirstRow(canvasElement);
    await expect(await within(canvasElement).findByRole("region", { name: "Input" })).toHaveTextContent("system");
  },
};
export const Loading: Story = { parameters: { promptmeter: { state: "loading" } } };
export const Empty: Story = { parameters: { promptmeter: { filters: { model: "no-such-model" } } } };
export const ErrorWithRetry: Story = {
  parameters: { promptmeter: { state: "error" } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("alert", {}, { timeout: 10_000 })).toHaveTextContent("missing or invalid API key");
    await userEvent.click(canvas.getByRole("button", { name: "Retry" }));
    await expect(await canvas.findByRole("alert", {}, { timeout: 10_000 })).toBeVisible();
  },
};
export const DataDark: Story = { globals: { theme: "dark" } };
export const DetailDark: Story = {
  globals: { theme: "dark" },
  parameters: { promptmeter: { range: PAYLOAD_EVENT_RANGE } },
  play: async ({ canvasElement }) => openFirstRow(canvasElement),
};
