/** Roles an account can hold in a congress (design §1). */
export const ROLES = ['admin', 'government', 'presidium', 'scrutineer', 'representative', 'department', 'station', 'overseer'] as const;
/**
 * The roles that make someone a member of the congress itself. `overseer` is held on a county or city (SPEC §16): it
 * reads the townships below through the county's own routes and is no member of anything else, so a rule for "any
 * role" never lets it in.
 */
export const MEMBER_ROLES = ROLES.filter((r) => r !== 'overseer');
export type Role = (typeof ROLES)[number];
