import { describe, expect, it } from "vitest";
import { seededRandom } from "../seed/random.js";
import { addDenseTo, addHistogramText, denseHistogram, type Histogram } from "./latency-histogram.js";

/** The obvious way: JSON.parse every text and add its entries. */
function viaJson(texts: string[]): Histogram {
  const out: Histogram = {};
  for (const t of texts) for (const [k, n] of Object.entries(JSON.parse(t) as Histogram)) out[k] = (out[k] ?? 0) + n;
  return out;
}

function viaDense(texts: (string | null)[]): Histogram {
  const d = denseHistogram();
  for (const t of texts) addHistogramText(d, t);
  const out: Histogram = {};
  addDenseTo(out, d);
  return out;
}

describe("adding stored histogram texts into a dense histogram", () => {
  it("sums SQLite's JSON and PostgreSQL's jsonb spelling like JSON.parse does", () => {
    const random = seededRandom(5);
    const texts: string[] = [];
    for (let i = 0; i < 300; i++) {
      const h: Histogram = {};
      const n = Math.floor(random() * 40);
      for (let j = 0; j < n; j++) h[String(Math.floor(random() * 2500))] = 1 + Math.floor(random() ** 4 * 1e9);
      const json = JSON.stringify(h);
      texts.push(i % 2 === 0 ? json : json.replace(/:/g, ": ").replace(/,/g, ", "));
    }
    texts.push("{}", " {} ");
    expect(viaDense(texts)).toEqual(viaJson(texts));
  });

  it("skips null and empty, and falls back to JSON.parse for anything unusual", () => {
    expect(viaDense([null, "", '{"3":2}'])).toEqual({ 3: 2 });
    expect(viaDense(['{"3":2.5,"4":1}', '{"3":1}'])).toEqual({ 3: 3.5, 4: 1 });
    expect(viaDense(['{"3":1e3}'])).toEqual({ 3: 1000 });
    expect(viaDense(['{"3" :1, "700000":2}'])).toEqual({ 3: 1, 700000: 2 });
  });
});
