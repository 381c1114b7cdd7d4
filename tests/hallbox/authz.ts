/** The hallbox stage's part of the authorization matrix (tests/security/authz-kit.ts). */
import type { StagePart } from '../security/authz-kit.ts';

export const part: StagePart = {
  build: async () => {},
  table: {},
};
