export { type ObserveOpenAIOptions, observeOpenAI } from "./observe-openai.js";
export { type WithFallbackOptions, withFallback } from "./with-fallback.js";
