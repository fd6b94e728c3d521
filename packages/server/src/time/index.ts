export { type BucketSize, bucketStart, bucketStarts, chooseBucket, gapFill, nextBucketStart } from "./buckets.js";
export { type Interval, lastRangeMs, previousInterval, resolveRange } from "./resolve-range.js";
export { type LocalParts, localParts, zonedToUtc, zoneOffset } from "./zoned.js";
