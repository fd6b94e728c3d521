import { describe, expect, it } from "vitest";
import { luhnValid, redactText } from "./redact.js";

describe("redactText", () => {
  it.each([
    ["write to jane.doe+tag@example.co.uk today", "write to [redacted:email] today"],
    ["<a@b.io>, (x_y@mail-server.example.org)", "<[redacted:email]>, ([redacted:email])"],
    ["visa 4111 1111 1111 1111.", "visa [redacted:card]."],
    ["visa 4111-1111-1111-1111 and mc 5555555555554444", "visa [redacted:card] and mc [redacted:card]"],
    ["amex 378282246310005", "amex [redacted:card]"],
    ["key sk-proj-abcdefghijklmnopqrstuvwxyz123456 here", "key [redacted:api_key] here"],
    ["anthropic sk-ant-api03-AbCdEfGhIjKlMnOpQrSt_uv-wx", "anthropic [redacted:api_key]"],
    [
      "pm_ingest_ABCDEFGHIJKLMNOPQRSTUVWXYZ012345 and pm_read_abcdefghijklmnopqrstuvwxyz012345",
      "[redacted:api_key] and [redacted:api_key]",
    ],
    ["aws AKIAIOSFODNN7EXAMPLE,", "aws [redacted:api_key],"],
    [`gh ghp_${"a1".repeat(18)}`, "gh [redacted:api_key]"],
    [`google AIza${"B".repeat(35)}`, "google [redacted:api_key]"],
    ["slack xoxb-123456789012-abcdefABCDEF", "slack [redacted:api_key]"],
    ["Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc123", "Authorization: Bearer [redacted:token]"],
    ["authorization: bearer abcdef1234567890==", "authorization: bearer [redacted:token]"],
  ])("redacts %j", (text, expected) => {
    expect(redactText(text)).toBe(expected);
  });

  it.each([
    "card-like but failing Luhn: 4111 1111 1111 1112",
    "an epoch-ms timestamp 1732096800000 and an order number 123456789012",
    "a 20-digit id 41111111111111111111",
    "sk-short, task-force, AKIA alone, pm_ingest_short",
    "Bearer authentication and Bearer tokens are explained here",
    "an @mention and a user@localhost",
    "",
  ])("leaves %j alone", (text) => {
    expect(redactText(text)).toBe(text);
  });

  it("stays linear on 256 KB built to make regular expressions backtrack", () => {
    const size = 256 * 1024;
    for (const unit of ["a", "a@", "1", "4 ", "4-", "sk-", "a@b.", "x.", "Bearer ", "Bearer a1 ", "pm_read_", "AKIA"]) {
      const text = unit.repeat(Math.floor(size / unit.length));
      expect(redactText(text).length).toBeGreaterThan(0);
    }
  });
});

describe("luhnValid", () => {
  it("accepts the test card numbers and refuses a changed digit", () => {
    for (const n of ["4111111111111111", "5555555555554444", "378282246310005", "6011111111111117"]) expect(luhnValid(n)).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(luhnValid("79927398713")).toBe(true);
    expect(luhnValid("79927398710")).toBe(false);
  });
});
