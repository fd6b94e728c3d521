/** Marks a request as one observed call; removed before the request leaves the process. */
export const CALL_HEADER = "x-promptmeter-call";

export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * The client's own fetch, counting HTTP attempts per observed call. The OpenAI SDK retries
 * below `create()`, so the attempts it makes are only visible here.
 */
export function countingFetch(inner: Fetch, attempts: Map<string, number>): Fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    const call = headers.get(CALL_HEADER);
    if (call === null) return inner.call(undefined, input, init);
    headers.delete(CALL_HEADER);
    if (attempts.has(call)) attempts.set(call, (attempts.get(call) ?? 0) + 1);
    // Called unbound, as the SDK does: some runtimes' fetch refuses any other `this`.
    return inner.call(undefined, input, { ...init, headers });
  };
}

/** Request options with the call marker added, whatever form the caller's headers took. */
export function withCallHeader<O extends { headers?: unknown }>(options: O | undefined, call: string): O {
  const given = options?.headers;
  let headers: unknown;
  if (given === undefined || given === null) headers = { [CALL_HEADER]: call };
  else if (given instanceof Headers) {
    headers = new Headers(given);
    (headers as Headers).set(CALL_HEADER, call);
  } else if (Array.isArray(given)) headers = [...given, [CALL_HEADER, call]];
  else headers = { ...(given as object), [CALL_HEADER]: call };
  return { ...options, headers } as O;
}
