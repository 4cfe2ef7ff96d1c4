/**
 * nninit's version (package.json's; a test keeps the two equal). Written into checkpoint metadata.
 *
 * @example
 * ```ts
 * import { NNINIT_VERSION } from "nninit/checkpoint";
 * console.log(NNINIT_VERSION); // the package's version, written into checkpoint metadata
 * ```
 */
export const NNINIT_VERSION = "0.2.0";

/**
 * The tape contract's version: which values a (seed, recipe, dtype) gives. It changes whenever a
 * release changes the bits of a draw (the CHANGELOG names each such change): 1 was nninit 0.1.0's;
 * 2 is 0.2.0's (orthogonal's compensated sums, the truncated normal's tail). `nninit verify` compares
 * it before regenerating a file.
 */
export const TAPE_CONTRACT_VERSION = 2;
