import type { Store } from "../db/dialect/types.js";
import type { PriceOverride } from "./price-event.js";

/** A project's price overrides by `provider\0model` ('' provider = any), cached briefly for the ingest path. */
export class PriceOverrideCache {
  private readonly cache = new Map<string, { at: number; byKey: Map<string, PriceOverride> }>();

  /** Overrides set through another replica take effect here within `ttlMs`. */
  constructor(
    private readonly store: Store,
    private readonly ttlMs = 30_000,
  ) {}

  async forProject(projectId: string): Promise<(provider: string, model: string) => PriceOverride | undefined> {
    let entry = this.cache.get(projectId);
    if (!entry || Date.now() - entry.at > this.ttlMs) {
      const rows = await this.store.db.selectFrom("price_overrides").selectAll().where("project_id", "=", projectId).execute();
      entry = { at: Date.now(), byKey: new Map(rows.map((r) => [`${r.provider}\u0000${r.model}`, r])) };
      this.cache.set(projectId, entry);
    }
    const byKey = entry.byKey;
    if (byKey.size === 0) return () => undefined;
    return (provider, model) => byKey.get(`${provider}\u0000${model}`) ?? byKey.get(`\u0000${model}`);
  }

  invalidate(projectId: string): void {
    this.cache.delete(projectId);
  }
}
