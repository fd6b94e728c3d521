/** Our provider names → genai-prices provider ids where they differ. */
const ALIASES: Record<string, string> = {
  bedrock: "aws",
  "aws-bedrock": "aws",
  vertex: "google",
  vertex_ai: "google",
  "vertex-ai": "google",
  gemini: "google",
  "azure-openai": "azure",
  azure_openai: "azure",
};

export function priceProviderId(provider: string): string {
  const p = provider.toLowerCase();
  return ALIASES[p] ?? p;
}
