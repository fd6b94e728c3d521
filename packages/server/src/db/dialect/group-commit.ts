/**
 * Group commit: batches that arrive while the previous write is running (or in the same event-loop
 * turn) are written together in one transaction. Ingest cost is set by rows per commit, not by
 * requests, so four clients posting 500 events each commit ~2,000 rows at a time instead of 500.
 * A failing group is retried one batch at a time, so one bad batch never fails its neighbours.
 */
export function groupCommit<T, R>(
  /** Writes every batch in one transaction; returns one result per batch, in order. */
  writeGroup: (batches: T[]) => R[] | Promise<R[]>,
  options: {
    /** Rows in a batch (caps a group's size). */
    sizeOf: (batch: T) => number;
    /** Largest group in rows; a single larger batch is still written whole. */
    maxRows: number;
  },
): { write(batch: T): Promise<R>; flush(): Promise<void> } {
  type Pending = { batch: T; resolve: (r: R) => void; reject: (e: unknown) => void };
  let queue: Pending[] = [];
  let running: Promise<void> | null = null;
  let scheduled = false;

  async function writeOne(p: Pending): Promise<void> {
    try {
      const [result] = await writeGroup([p.batch]);
      p.resolve(result as R);
    } catch (error) {
      p.reject(error);
    }
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      let rows = 0;
      let take = 0;
      while (take < queue.length && (take === 0 || rows + options.sizeOf(queue[take]!.batch) <= options.maxRows)) {
        rows += options.sizeOf(queue[take]!.batch);
        take += 1;
      }
      const group = queue.slice(0, take);
      queue = queue.slice(take);
      try {
        const results = await writeGroup(group.map((p) => p.batch));
        for (const [i, p] of group.entries()) p.resolve(results[i] as R);
      } catch (error) {
        if (group.length === 1) group[0]!.reject(error);
        else for (const p of group) await writeOne(p);
      }
    }
  }

  function start(): void {
    scheduled = false;
    if (running) return;
    running = drain().finally(() => {
      running = null;
      if (queue.length > 0) schedule();
    });
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    // setImmediate lets requests whose bodies arrived in the same loop turn join this group.
    setImmediate(start);
  }

  return {
    write(batch) {
      return new Promise<R>((resolve, reject) => {
        queue.push({ batch, resolve, reject });
        if (!running) schedule();
      });
    },
    async flush() {
      while (running || queue.length > 0) {
        if (!running) start();
        await running;
      }
    },
  };
}
