/** The hotline stage's API routes, each once (shared/contract.ts). SPEC §13–14. */
export {};
