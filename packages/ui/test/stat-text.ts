/** The shown value of the Stat labelled `label` inside `root` (what a reader sees under the label). */
export function statValue(root: Element, label: string): string | null {
  for (const stat of root.querySelectorAll(".pm-stat")) {
    if (stat.querySelector(".pm-stat-label")?.textContent === label) return stat.querySelector(".pm-stat-value")?.textContent ?? null;
  }
  return null;
}

/** The delta line of the Stat labelled `label` ("▲up 12.3%vs previous period (4.5%)"), or null without one. */
export function statDelta(root: Element, label: string): string | null {
  for (const stat of root.querySelectorAll(".pm-stat")) {
    if (stat.querySelector(".pm-stat-label")?.textContent === label) return stat.querySelector(".pm-stat-delta")?.textContent ?? null;
  }
  return null;
}
