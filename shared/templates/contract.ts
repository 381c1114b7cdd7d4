/** The templates stage's API routes, each once (shared/contract.ts): the templates stage (SPEC §16): what a county publishes and its townships adopt. */
export {};
