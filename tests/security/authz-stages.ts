/** The stages that keep their part of the authorization matrix beside their tests (tests/security/authz-kit.ts). */
import type { StagePart } from './authz-kit.ts';
import { part as review } from '../review/authz.ts';
import { part as stations } from '../stations/authz.ts';
import { part as items } from '../items/authz.ts';
import { part as hotline } from '../hotline/authz.ts';
import { part as archive } from '../archive/authz.ts';
import { part as county } from '../county/authz.ts';
import { part as templates } from '../templates/authz.ts';
import { part as hallbox } from '../hallbox/authz.ts';
import { part as notify } from '../notify/authz.ts';

export const STAGE_PARTS: readonly StagePart[] = [stations, items, review, hotline, archive, county, templates, hallbox, notify];
