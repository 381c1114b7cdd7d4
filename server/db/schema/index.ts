export * from './core.ts';
export * from './congress.ts';
export * from './memberships.ts';
export * from './roster.ts';
export * from './departments.ts';
export * from './gathering.ts';
export * from './session.ts';
export * from './ballot.ts';
