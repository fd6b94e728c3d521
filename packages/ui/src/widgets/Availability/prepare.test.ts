import { describe, expect, it } from "vitest";
import {
  formatMinutes,
  formatUptime,
  isReliabilityEmpty,
  placeIncidents,
  prepareAvailability,
  type ReliabilityData,
  stripDomain,
  stripTicks,
  toEpoch,
} from "./prepare.js";

const DAY_START = Date.UTC(2026, 10, 17); // 2026-11-17T00:00Z
const domain = { from: DAY_START, to: DAY_START + 86_400_000 };
const at = (hours: number) => new Date(DAY_START + hours * 3_600_000).toISOString();

describe("stripDomain", () => {
  it("takes an absolute range as given (ISO without offset is UTC, epoch ms as is)", () => {
    expect(stripDomain({ from: "2026-11-17T00:00:00", to: DAY_START + 86_400_000 }, 0)).toEqual(domain);
    expect(toEpoch("2026-11-17T00:00:00.000Z")).toBe(DAY_START);
  });

  it("ends a relative range at the answer's time", () => {
    expect(stripDomain({ last: "24h" }, DAY_START + 86_400_000)).toEqual(domain);
    expect(stripDomain({ last: "7d" }, 7 * 86_400_000)).toEqual({ from: 0, to: 7 * 86_400_000 });
  });
});

describe("placeIncidents", () => {
  it("places incidents as fractions of the strip, in time order, clipped to it", () => {
    const marks = placeIncidents(
      [
        { start: at(18), end: at(19.5), minutes: 90 },
        { start: at(6), end: at(6.25), minutes: 15 },
        { start: at(-1), end: at(1), minutes: 120 },
        { start: at(30), end: at(31), minutes: 60 },
      ],
      domain,
    );
    expect(marks.map(({ start, left, width, minutes }) => ({ start, left, width, minutes }))).toEqual([
      { start: at(-1), left: 0, width: 1 / 24, minutes: 120 },
      { start: at(6), left: 0.25, width: 0.25 / 24, minutes: 15 },
      { start: at(18), left: 0.75, width: 1.5 / 24, minutes: 90 },
    ]);
  });
});

describe("prepareAvailability", () => {
  const data: ReliabilityData = {
    availability: 0.99,
    mttrMs: 60_000,
    incidentCount: 2,
    ongoing: 0,
    rows: [
      {
        provider: "openai",
        model: "gpt-4o",
        availability: 0.95,
        incidents: [
          { start: at(18), end: at(19.5), minutes: 90 },
          { start: at(6), end: at(6.25), minutes: 15 },
        ],
        mttrMs: 60_000,
        ongoing: 0,
      },
      { provider: "anthropic", model: "claude-sonnet-4-5", availability: 1, incidents: [], mttrMs: null, ongoing: 0 },
    ],
    previous: { availability: 0.995, mttrMs: null, incidentCount: 1, ongoing: 0 },
  };

  it("keeps the procedure's order and totals each row's minutes down", () => {
    const view = prepareAvailability(data, domain);
    expect(view.rows.map((row) => [row.provider, row.model, row.availability, row.incidents.length, row.incidentMinutes])).toEqual([
      ["openai", "gpt-4o", 0.95, 2, 105],
      ["anthropic", "claude-sonnet-4-5", 1, 0, 0],
    ]);
    expect(view).toMatchObject({ availability: 0.99, previousAvailability: 0.995, noPrevious: false, incidentCount: 2, domain });
  });

  it("says when the previous period had no traffic", () => {
    const previous = { availability: null, mttrMs: null, incidentCount: 0, ongoing: 0 };
    expect(prepareAvailability({ ...data, previous }, domain)).toMatchObject({ previousAvailability: undefined, noPrevious: true });
  });

  it("is empty without any provider + model", () => {
    expect(isReliabilityEmpty(data)).toBe(false);
    expect(isReliabilityEmpty({ ...data, rows: [] })).toBe(true);
  });
});

describe("formatUptime", () => {
  it("shows two decimals, rounded down so that a down minute never reads as 100 %", () => {
    expect(formatUptime(0.99996, "en-US")).toBe("99.99%");
    expect(formatUptime(0.97543859, "en-US")).toBe("97.54%");
    expect(formatUptime(0.9999, "en-US")).toBe("99.99%");
    expect(formatUptime(1, "en-US")).toBe("100.00%");
    expect(formatUptime(0.5, "de-DE")).toBe("50,00\u00a0%");
    expect(formatUptime(null, "en-US")).toBe("—");
  });
});

describe("formatMinutes and stripTicks", () => {
  it("writes minutes in the locale and spaces five labels over a day", () => {
    expect(formatMinutes(90, "en-US")).toBe("90 min");
    expect(stripTicks(domain)).toEqual({
      ticks: [0, 6, 12, 18, 24].map((h) => ({ t: DAY_START + h * 3_600_000, at: h / 24 })),
      stepMs: 6 * 3_600_000,
    });
  });

  it("puts date labels on whole days from the start of a long range", () => {
    const day = 86_400_000;
    // 14 days: a label every 4 days, the last one 2 days before the end.
    expect(stripTicks({ from: DAY_START, to: DAY_START + 14 * day })).toEqual({
      ticks: [0, 4, 8, 12].map((d) => ({ t: DAY_START + d * day, at: d / 14 })),
      stepMs: 4 * day,
    });
    // 15 minutes: a label every 4 minutes.
    expect(stripTicks({ from: DAY_START, to: DAY_START + 15 * 60_000 }).ticks.map((tick) => tick.at)).toEqual([0, 4 / 15, 8 / 15, 12 / 15]);
  });
});
