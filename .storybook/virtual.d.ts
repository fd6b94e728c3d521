declare module "virtual:promptmeter-connection" {
  /** Where the preview finds the seeded Promptmeter server (see promptmeter-connection.ts). */
  export const connection: { url: string; apiKey: string; emptyApiKey: string };
}
