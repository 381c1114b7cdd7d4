/** This stage's API routes, each once (shared/contract.ts). */
export {};
