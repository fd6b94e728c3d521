import type { KeyGrant } from "./auth/api-keys.js";
import type { Store } from "./db/dialect/types.js";
import type { EventIngestor } from "./ingest/ingest-events.js";
import type { PriceOverrideCache } from "./pricing/price-overrides.js";

/** Long-lived parts shared by every request of one Promptmeter instance. */
export interface Services {
  store: Store;
  events: EventIngestor;
  prices: PriceOverrideCache;
}

/** Who is calling: the project they may touch and what they may do with it. */
export interface Access {
  projectId: string;
  canRead: boolean;
  canIngest: boolean;
}

export interface Context {
  services: Services;
  /** Null for anonymous callers. */
  access: Access | null;
  /** Project administration (projects.*, keys.*, prices.*): the CLI, an admin token, or a host app. */
  admin: boolean;
}

/** Access granted by an API key: an ingest key only writes, a read key only reads. */
export function accessFromGrant(grant: KeyGrant | null): Access | null {
  if (!grant) return null;
  return { projectId: grant.projectId, canRead: grant.kind === "read", canIngest: grant.kind === "ingest" };
}
