import { describe, expect, it } from "vitest";
import { readBody } from "./read-body.js";

function streamed(chunks: number[]): Request {
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const size = chunks[i++];
      if (size === undefined) controller.close();
      else controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  });
  return new Request("http://x/", { method: "POST", body, duplex: "half" } as RequestInit);
}

describe("readBody", () => {
  it("reads a body of exactly the limit and refuses one byte more", async () => {
    const ok = await readBody(streamed([400, 600]), 1000);
    expect(ok.ok && ok.bytes.byteLength).toBe(1000);
    expect(ok.ok && String.fromCharCode(...ok.bytes.slice(0, 3))).toBe("aaa");
    expect(await readBody(streamed([400, 601]), 1000)).toEqual({ ok: false });
  });

  it("refuses a declared content-length over the limit before reading", async () => {
    const request = new Request("http://x/", { method: "POST", body: "x".repeat(10), headers: { "content-length": "2000" } });
    expect(await readBody(request, 1000)).toEqual({ ok: false });
    expect(request.bodyUsed).toBe(false);
  });

  it("reads an absent body as empty", async () => {
    const r = await readBody(new Request("http://x/", { method: "POST" }), 10);
    expect(r.ok && r.bytes.byteLength).toBe(0);
  });
});
