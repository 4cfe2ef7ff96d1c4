/** nninit's version (package.json's; a test keeps the two equal). Written into checkpoint metadata. */
export const NNINIT_VERSION = "0.1.0";
