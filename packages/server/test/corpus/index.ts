import type { CorpusCase } from "./case.js";
import { fields } from "./fields.js";
import { framing } from "./framing.js";
import { otherPaths } from "./other-paths.js";
import { strings } from "./strings.js";

export type { CorpusCase } from "./case.js";

/** The bad-input corpus: every case is one request against the real server (see bad-input-corpus.test.ts). */
export const CORPUS: readonly CorpusCase[] = [...framing, ...fields, ...strings, ...otherPaths];
