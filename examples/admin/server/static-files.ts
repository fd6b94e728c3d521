import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

/** Serves a built single-page app: files by path, index.html for every other GET (client-side routes). */
export function staticFiles(root: string) {
  return async (request: Request): Promise<Response> => {
    const path = normalize(decodeURIComponent(new URL(request.url).pathname)).replace(/^(\.\.[/\\])+/, "");
    const file = join(root, path);
    if (!file.startsWith(root)) return new Response("not found", { status: 404 });
    const isFile = await stat(file).then(
      (s) => s.isFile(),
      () => false,
    );
    const target = isFile ? file : join(root, "index.html");
    const body = await readFile(target).catch(() => null);
    if (!body) return new Response("The example app is not built: run npm start from the repository root.", { status: 404 });
    const cache = isFile && path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache";
    return new Response(body, {
      headers: { "content-type": TYPES[extname(target)] ?? "application/octet-stream", "cache-control": cache },
    });
  };
}
