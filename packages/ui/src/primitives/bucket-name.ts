const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The everyday name of a bucket size for labels ("Active users per day"); DST days of 23 h or 25 h still read as days. */
export function bucketName(stepMs: number): "minute" | "hour" | "day" | "week" {
  if (stepMs < HOUR) return "minute";
  if (stepMs < DAY - 2 * HOUR) return "hour";
  if (stepMs < 7 * DAY - 2 * HOUR) return "day";
  return "week";
}
