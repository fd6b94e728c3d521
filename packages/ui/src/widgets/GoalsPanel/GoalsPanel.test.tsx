import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { INVALID_READ_KEY } from "../../../test/clients.js";
import { countingClient, readClient } from "../../../test/counting-client.js";
import { seededServer, TestProvider } from "../../../test/render.js";
import { SEED_END } from "../../../test/seed-range.js";
import { createPromptmeterClient } from "../../provider/create-client.js";
import { GoalsPanel } from "./GoalsPanel.js";

const server = seededServer();
const api = readClient();
const twoDecimals = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const ms = new Intl.NumberFormat("en-US", { style: "unit", unit: "millisecond", unitDisplay: "short", maximumFractionDigits: 0 });
const sec = new Intl.NumberFormat("en-US", { style: "unit", unit: "second", unitDisplay: "short", maximumFractionDigits: 1 });
const duration = (v: number) => (Math.abs(v) < 1_000 ? ms.format(v) : sec.format(v / 1_000));

// Fixed ids: other tests and stories share the server, so this file only ever looks at its own goals.
const P95 = { id: "ui-test-p95", metric: "latencyP95Ms", op: "lte", target: 60_000, window: "7d" } as const;
const ERRORS = { id: "ui-test-errors", metric: "errorRate", op: "lte", target: 0.005, window: "7d" } as const;
const created: string[] = [];

const goalRow = (container: HTMLElement, id: string) => container.querySelector<HTMLElement>(`[data-goal-id="${id}"]`);

beforeAll(async () => {
  await api.goals.upsert.mutate(P95);
  await api.goals.upsert.mutate(ERRORS);
});
afterAll(async () => {
  for (const id of [P95.id, ERRORS.id, ...created]) await api.goals.delete.mutate({ id });
});

describe("GoalsPanel", () => {
  it("shows each goal's actual value, verdict and margin as goals.evaluate answers them", async () => {
    const evaluation = await api.goals.evaluate.query({ at: SEED_END });
    const p95 = evaluation.rows.find((r) => r.goal.id === P95.id);
    const errors = evaluation.rows.find((r) => r.goal.id === ERRORS.id);
    expect(p95?.met).toBe(true);
    expect(errors?.met).toBe(false);
    const screen = await render(
      <TestProvider>
        <GoalsPanel at={SEED_END} />
      </TestProvider>,
    );
    await expect.poll(() => goalRow(screen.container, P95.id)?.textContent, { timeout: 10_000 }).toContain("p95 latency ≤ 1 min");
    const p95Row = goalRow(screen.container, P95.id);
    expect(p95Row?.querySelector(".pm-goal-actual")?.textContent).toBe(`Actual ${duration(p95?.actual ?? 0)}`);
    expect(p95Row?.querySelector(".pm-goal-verdict")?.textContent).toBe(`Met · ${duration(p95?.margin ?? 0)} to spare`);
    const errorsRow = goalRow(screen.container, ERRORS.id);
    expect(errorsRow?.querySelector(".pm-goal-title")?.textContent).toBe("Error rate ≤ 0.5%");
    expect(errorsRow?.querySelector(".pm-goal-actual")?.textContent).toBe(`Actual ${percent.format(errors?.actual ?? 0)}`);
    expect(errorsRow?.querySelector(".pm-goal-verdict")?.textContent).toBe(
      `Missed by ${twoDecimals.format(Math.abs(errors?.margin ?? 0) * 100)} pts`,
    );
  });

  it("adds, edits and deletes a goal through goals.upsert and goals.delete", async () => {
    const screen = await render(
      <TestProvider>
        <GoalsPanel at={SEED_END} />
      </TestProvider>,
    );
    await userEvent.click(screen.getByRole("button", { name: "Add goal" }));
    const form = screen.getByRole("form", { name: "New goal" });
    await userEvent.selectOptions(form.getByRole("combobox", { name: "Metric" }), "Fallback rate");
    await userEvent.fill(form.getByRole("textbox", { name: "Target (%)" }), "7");
    await userEvent.selectOptions(form.getByRole("combobox", { name: "Over the last" }), "30 days");
    await userEvent.click(form.getByRole("button", { name: "Add goal" }));

    let id = "";
    await expect
      .poll(
        async () => {
          const goal = (await api.goals.list.query()).rows.find(
            (g) => g.metric === "fallbackRate" && g.target === 0.07 && g.window === "30d",
          );
          id = goal?.id ?? "";
          return goal?.op;
        },
        { timeout: 10_000 },
      )
      .toBe("lte");
    created.push(id);
    await expect.poll(() => goalRow(screen.container, id)?.querySelector(".pm-goal-title")?.textContent).toBe("Fallback rate ≤ 7%");

    await userEvent.click(screen.getByRole("button", { name: "Edit goal Fallback rate ≤ 7%" }));
    const edit = screen.getByRole("form", { name: "Edit goal" });
    await expect.element(edit.getByRole("textbox", { name: "Target (%)" })).toHaveValue("7");
    await userEvent.fill(edit.getByRole("textbox", { name: "Target (%)" }), "5");
    await userEvent.click(edit.getByRole("button", { name: "Save goal" }));
    await expect.poll(async () => (await api.goals.list.query()).rows.find((g) => g.id === id)?.target, { timeout: 10_000 }).toBe(0.05);
    await expect.poll(() => goalRow(screen.container, id)?.querySelector(".pm-goal-title")?.textContent).toBe("Fallback rate ≤ 5%");

    await userEvent.click(screen.getByRole("button", { name: "Delete goal Fallback rate ≤ 5%" }));
    await expect.element(screen.getByRole("button", { name: "Yes, delete" })).toHaveFocus();
    await userEvent.keyboard("{Enter}");
    await expect.poll(async () => (await api.goals.list.query()).rows.some((g) => g.id === id), { timeout: 10_000 }).toBe(false);
    await expect.poll(() => goalRow(screen.container, id)).toBeNull();
  });

  it("refuses a target the metric cannot have, before asking the server", async () => {
    const screen = await render(
      <TestProvider>
        <GoalsPanel at={SEED_END} />
      </TestProvider>,
    );
    await userEvent.click(screen.getByRole("button", { name: "Add goal" }));
    const form = screen.getByRole("form", { name: "New goal" });
    await userEvent.selectOptions(form.getByRole("combobox", { name: "Metric" }), "Success rate");
    await userEvent.fill(form.getByRole("textbox", { name: "Target (%)" }), "120");
    await userEvent.click(form.getByRole("button", { name: "Add goal" }));
    await expect.element(form.getByRole("alert")).toHaveTextContent("A rate is at most 100 %");
    await userEvent.keyboard("{Escape}");
    await expect.poll(() => screen.container.querySelector("form")).toBeNull();
  });

  it("offers no editing when read-only, and says so", async () => {
    const screen = await render(
      <TestProvider>
        <GoalsPanel at={SEED_END} readOnly />
      </TestProvider>,
    );
    await expect.poll(() => goalRow(screen.container, P95.id), { timeout: 10_000 }).not.toBeNull();
    await expect.element(screen.getByText("Goals are shown read-only here.")).toBeVisible();
    expect(screen.container.querySelectorAll("button")).toHaveLength(0);
  });

  it("turns read-only with a note when the server refuses a write", async () => {
    // Reads carry the real key; writes (POST) an unknown one, so the server answers the save with a real 401.
    const client = createPromptmeterClient({
      url: server.url,
      apiKey: server.readKey,
      fetch: (input, init) => {
        if (init?.method !== "POST") return fetch(input, init);
        const headers = new Headers(init.headers);
        headers.set("authorization", `Bearer ${INVALID_READ_KEY}`);
        return fetch(input, { ...init, headers });
      },
    });
    const screen = await render(
      <TestProvider trpcClient={client}>
        <GoalsPanel at={SEED_END} />
      </TestProvider>,
    );
    await userEvent.click(screen.getByRole("button", { name: "Add goal" }));
    const form = screen.getByRole("form", { name: "New goal" });
    await userEvent.fill(form.getByRole("textbox", { name: "Target (ms)" }), "1500");
    await userEvent.click(form.getByRole("button", { name: "Add goal" }));
    await expect.element(screen.getByText("This key may not change goals, so they are shown read-only.")).toBeVisible();
    expect(screen.container.querySelector("form")).toBeNull();
    expect(screen.container.querySelectorAll("button")).toHaveLength(0);
  });

  it("shows the empty state, with Add goal, in a project without goals", async () => {
    const screen = await render(
      <TestProvider apiKey={server.emptyReadKey}>
        <GoalsPanel at={SEED_END} />
      </TestProvider>,
    );
    await expect
      .element(screen.getByText("No goals yet. Add one, such as p95 latency ≤ 2 s over 7 days."), { timeout: 10_000 })
      .toBeVisible();
    await expect.element(screen.getByRole("button", { name: "Add goal" })).toBeVisible();
  });

  it("shows the error with a Retry that refetches", async () => {
    const { client, calls } = countingClient();
    const screen = await render(
      <TestProvider trpcClient={client}>
        <GoalsPanel at={SEED_END} />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("alert"), { timeout: 10_000 }).toHaveTextContent("missing or invalid API key");
    const before = calls();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await expect.poll(calls).toBeGreaterThan(before);
  });
});
