/** The stages that keep their part of the authorization matrix beside their tests (tests/security/authz-kit.ts). */
import type { StagePart } from './authz-kit.ts';

export const STAGE_PARTS: readonly StagePart[] = [];
