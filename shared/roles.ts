/** Roles an account can hold in a congress (design §1). */
export const ROLES = ['admin', 'government', 'presidium', 'scrutineer', 'representative', 'department', 'station'] as const;
export type Role = (typeof ROLES)[number];
