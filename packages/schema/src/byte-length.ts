const encoder = new TextEncoder();

/** UTF-8 byte length of a string, the unit every size limit in SPEC.md is stated in. */
export function utf8Length(value: string): number {
  return encoder.encode(value).length;
}
