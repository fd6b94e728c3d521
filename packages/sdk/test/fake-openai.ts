import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export interface SeenRequest {
  path: string;
  body: Record<string, any>;
  headers: IncomingMessage["headers"];
  at: number;
}

/** One scripted answer of the fake API. */
export type Reply = (res: ServerResponse) => Promise<void> | void;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Canned answers in OpenAI's wire format (shapes from the API reference). */
export const reply = {
  json:
    (status: number, body: unknown, headers: Record<string, string> = {}, delayMs = 0): Reply =>
    async (res) => {
      await sleep(delayMs);
      res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
    },
  error: (status: number, error: { message: string; type: string; code: string | null }, headers: Record<string, string> = {}): Reply =>
    reply.json(status, { error: { ...error, param: null } }, headers),
  /** Server-sent events: each `data` written after waiting `delayMs`, then `[DONE]`. */
  sse:
    (events: { delayMs: number; data: unknown; event?: string }[], done = true): Reply =>
    async (res) => {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      res.flushHeaders();
      for (const e of events) {
        await sleep(e.delayMs);
        res.write(`${e.event ? `event: ${e.event}\n` : ""}data: ${JSON.stringify(e.data)}\n\n`);
      }
      if (done) res.write("data: [DONE]\n\n");
      res.end();
    },
  /** Never answers within `ms` (a timeout on the client's side). */
  hang:
    (ms: number): Reply =>
    async (res) => {
      await sleep(ms);
      if (!res.destroyed) res.writeHead(504).end();
    },
};

/** A local stand-in for api.openai.com: answers each request with the next reply scripted for its model. */
export class FakeOpenAI {
  readonly seen: SeenRequest[] = [];
  private readonly scripts = new Map<string, Reply[]>();
  private constructor(
    private readonly server: Server,
    readonly baseURL: string,
  ) {}

  static async start(): Promise<FakeOpenAI> {
    let fake: FakeOpenAI | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => void fake?.answer(req, Buffer.concat(chunks).toString("utf8"), res));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    fake = new FakeOpenAI(server, `http://127.0.0.1:${port}/v1`);
    return fake;
  }

  /** Queues replies for requests naming `model`. */
  script(model: string, ...replies: Reply[]): void {
    this.scripts.set(model, [...(this.scripts.get(model) ?? []), ...replies]);
  }

  private async answer(req: IncomingMessage, text: string, res: ServerResponse): Promise<void> {
    const body = text ? JSON.parse(text) : {};
    this.seen.push({ path: req.url ?? "", body, headers: req.headers, at: Date.now() });
    const next = this.scripts.get(String(body.model))?.shift();
    if (!next) {
      res
        .writeHead(599, { "content-type": "application/json" })
        .end(JSON.stringify({ error: { message: `nothing scripted for ${body.model}` } }));
      return;
    }
    await next(res);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
