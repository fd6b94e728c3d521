/** The fictional product the demo data describes: its models, features and releases. */
export interface ModelSpec {
  provider: string;
  model: string;
  /** Median latency per output token and fixed overhead, ms. */
  msPerToken: number;
  overheadMs: number;
  reasoning?: boolean;
  /** Supports prompt caching (cache read/write tokens). */
  caching?: boolean;
}

export const MODELS: readonly ModelSpec[] = [
  { provider: "openai", model: "gpt-4o", msPerToken: 9, overheadMs: 350, caching: true },
  { provider: "openai", model: "gpt-4o-mini", msPerToken: 5, overheadMs: 250, caching: true },
  { provider: "openai", model: "gpt-4.1", msPerToken: 8, overheadMs: 380, caching: true },
  { provider: "openai", model: "gpt-4.1-mini", msPerToken: 5, overheadMs: 260, caching: true },
  { provider: "openai", model: "o3-mini", msPerToken: 7, overheadMs: 900, reasoning: true, caching: true },
  { provider: "openai", model: "o4-mini", msPerToken: 7, overheadMs: 850, reasoning: true, caching: true },
  { provider: "anthropic", model: "claude-sonnet-4-5", msPerToken: 11, overheadMs: 500, caching: true },
  { provider: "anthropic", model: "claude-3-5-haiku-latest", msPerToken: 6, overheadMs: 300, caching: true },
  { provider: "anthropic", model: "claude-opus-4-1", msPerToken: 16, overheadMs: 700, caching: true },
  { provider: "google", model: "gemini-2.5-pro", msPerToken: 8, overheadMs: 600, reasoning: true },
  { provider: "google", model: "gemini-2.5-flash", msPerToken: 4, overheadMs: 300 },
  { provider: "google", model: "gemini-2.0-flash", msPerToken: 4, overheadMs: 250 },
  { provider: "azure", model: "gpt-4o", msPerToken: 10, overheadMs: 420, caching: true },
  { provider: "azure", model: "gpt-4.1-mini", msPerToken: 6, overheadMs: 300, caching: true },
  { provider: "bedrock", model: "anthropic.claude-3-5-sonnet-20241022-v2:0", msPerToken: 12, overheadMs: 600 },
  { provider: "bedrock", model: "meta.llama3-1-70b-instruct-v1:0", msPerToken: 9, overheadMs: 500 },
  { provider: "bedrock", model: "amazon.nova-pro-v1:0", msPerToken: 7, overheadMs: 400 },
  { provider: "openai", model: "text-embedding-3-small", msPerToken: 0, overheadMs: 120 },
  { provider: "openai", model: "gpt-4.1-nano", msPerToken: 3, overheadMs: 200, caching: true },
  // A fine-tuned model with no registry price: stored unpriced unless a project override is set.
  { provider: "openai", model: "ft:gpt-4o-mini:acme:support-v2", msPerToken: 5, overheadMs: 260 },
];

export interface FeatureSpec {
  feature: string;
  weight: number;
  /** Models this feature calls, by weight (index into MODELS). */
  models: readonly (readonly [number, number])[];
  inputMedian: number;
  outputMedian: number;
  /** Probability a request is streamed. */
  streamed: number;
  /** Baseline chance the user likes the answer. */
  satisfaction: number;
  /** Chance a session continues with a follow-up. */
  followUp: number;
}

export const FEATURES: readonly FeatureSpec[] = [
  {
    feature: "support-chat",
    weight: 40,
    models: [
      [1, 6],
      [6, 3],
      [12, 2],
      [7, 1],
      [19, 0.6],
    ],
    inputMedian: 1800,
    outputMedian: 220,
    streamed: 0.9,
    satisfaction: 0.8,
    followUp: 0.65,
  },
  {
    feature: "summarizer",
    weight: 22,
    models: [
      [10, 4],
      [11, 3],
      [3, 2],
      [14, 1],
    ],
    inputMedian: 6000,
    outputMedian: 350,
    streamed: 0.2,
    satisfaction: 0.85,
    followUp: 0.15,
  },
  {
    feature: "code-assistant",
    weight: 18,
    models: [
      [6, 4],
      [2, 3],
      [4, 2],
      [8, 1],
      [9, 1],
    ],
    inputMedian: 4200,
    outputMedian: 600,
    streamed: 0.95,
    satisfaction: 0.72,
    followUp: 0.7,
  },
  {
    feature: "search-answers",
    weight: 12,
    models: [
      [0, 3],
      [13, 2],
      [15, 1],
      [16, 1],
      [5, 1],
    ],
    inputMedian: 2500,
    outputMedian: 180,
    streamed: 0.6,
    satisfaction: 0.76,
    followUp: 0.35,
  },
  {
    feature: "email-drafts",
    weight: 6,
    models: [
      [18, 3],
      [1, 2],
      [11, 1],
    ],
    inputMedian: 900,
    outputMedian: 280,
    streamed: 0.4,
    satisfaction: 0.82,
    followUp: 0.3,
  },
  { feature: "embeddings", weight: 2, models: [[17, 1]], inputMedian: 400, outputMedian: 0, streamed: 0, satisfaction: 0.9, followUp: 0 },
];

export const COMMENTS = {
  positive: ["Exactly what I needed", "Great summary, thanks!", "Fixed my bug on the first try", "Clear and concise", "Saved me an hour"],
  neutral: ["Okay, but a bit long", "Partly right", "Had to rephrase my question", "Fine"],
  negative: [
    "Wrong answer, made up an API",
    "Too slow, I gave up",
    "It ignored my instructions",
    "The code does not compile",
    "Answered a different question",
  ],
} as const;

export const ERROR_MESSAGES: Record<string, readonly string[]> = {
  rate_limit: ["Rate limit reached for requests", "429 Too Many Requests: quota exceeded"],
  timeout: ["Request timed out after 30000 ms", "upstream timeout"],
  server_error: ["500 Internal Server Error", "503 Service Unavailable: overloaded"],
  network: ["ECONNRESET", "socket hang up"],
  auth: ["401 Invalid API key"],
  invalid_request: ["400 Invalid 'messages': tool call id not found", "400 Unsupported parameter: 'temperature'"],
  context_length: ["This model's maximum context length is 128000 tokens"],
  content_filter: ["The response was filtered due to the prompt triggering content management policy"],
  cancelled: ["Client closed request"],
  other: ["Unexpected response shape"],
};
