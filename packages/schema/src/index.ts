export { utf8Length } from "./byte-length.js";
export * from "./event.js";
export * from "./feedback.js";
export * from "./goals.js";
export * from "./ingest.js";
export * from "./limits.js";
export * from "./query.js";
export { eventTimestamp, instant } from "./timestamp.js";
