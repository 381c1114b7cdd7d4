/** The hallbox stage's API routes, each once (shared/contract.ts): the hall-in-a-box stage (SPEC §16): a session run offline, exported as a signed package, verified and filed by the county. */
export {};
