import { type ChildProcess, execFile, spawn } from "node:child_process";
import { promisify } from "node:util";

const ROOT = new URL("../../", import.meta.url).pathname;
const run = promisify(execFile);

/** How the promptmeter CLI is started: the built bin (preferred) or the source through tsx. */
export interface CliCommand {
  kind: "built" | "source";
  command: string;
  args: string[];
}

/** Builds the server with turbo; falls back to running from source when the build fails. */
export async function prepareCli(fromSource: boolean): Promise<{ cli: CliCommand; note: string }> {
  const source: CliCommand = {
    kind: "source",
    command: process.execPath,
    args: ["--conditions=source", "--import", "tsx", `${ROOT}bench/lib/cli-from-source.ts`],
  };
  if (fromSource) return { cli: source, note: "server run from source through tsx (--from-source)" };
  try {
    console.log("  npx turbo run build --filter=@promptmeter/server…");
    await run("npx", ["turbo", "run", "build", "--filter=@promptmeter/server...", "--output-logs=errors-only"], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    });
    return {
      cli: { kind: "built", command: process.execPath, args: [`${ROOT}packages/server/bin/promptmeter.js`] },
      note: "server: child process `node packages/server/bin/promptmeter.js serve` after turbo build",
    };
  } catch (error) {
    const message = String((error as { stderr?: string }).stderr ?? error).slice(-400);
    console.warn(`  build failed, running the server from source instead:\n${message}`);
    return { cli: source, note: `server: child process of the CLI from source through tsx (build failed: ${message.split("\n")[0]})` };
  }
}

/** Runs a CLI command to completion and returns its stdout. */
export async function cliOutput(cli: CliCommand, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const { stdout } = await run(cli.command, [...cli.args, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  return stdout;
}

/** `promptmeter keys create`: the new key is alone on the last line. */
export async function createKeyWithCli(cli: CliCommand, db: string, kind: "ingest" | "read"): Promise<string> {
  const out = (await cliOutput(cli, ["keys", "create", "--project", "bench", "--kind", kind, "--db", db])).trim().split("\n");
  return out[out.length - 1]!.trim();
}

export interface RunningServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts `promptmeter serve` on a free loopback port and resolves once it listens. */
export async function startServer(cli: CliCommand, db: string): Promise<RunningServer> {
  const child: ChildProcess = spawn(cli.command, [...cli.args, "serve", "--db", db, "--port", "0", "--host", "127.0.0.1"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    // biome-ignore lint/suspicious/noUndeclaredEnvVars: the bench runs outside turbo
    env: { ...process.env, PROMPTMETER_LOG_LEVEL: process.env.PROMPTMETER_LOG_LEVEL ?? "warn" },
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s: ${stderr}`)), 60_000);
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${stderr}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill("SIGKILL"), 20_000);
        child.once("exit", () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}
