"use client";
import type { ReactNode } from "react";
import { KpiTileView } from "../KpiTile/KpiTileView.js";
import type { OverviewStripData } from "./prepare.js";

export interface OverviewStripViewProps {
  /** Prepared figures (see `prepareOverviewStrip`). */
  data: OverviewStripData;
  /** Locale of numbers (default the provider's). */
  locale?: string | undefined;
}

/** A row of headline figures that wraps onto more rows as its container narrows. */
export function OverviewStripView({ data, locale }: OverviewStripViewProps): ReactNode {
  return (
    <ul className="pm-overview-strip">
      {data.figures.map((figure) => (
        <li key={figure.metric}>
          <KpiTileView figure={figure} size="small" comparisonNote={false} locale={locale} />
        </li>
      ))}
    </ul>
  );
}
