export * from "./common.js";
export * from "./overview.js";
export * from "./cost.js";
export * from "./tokens.js";
export * from "./latency.js";
export * from "./throughput.js";
export * from "./models.js";
export * from "./features.js";
