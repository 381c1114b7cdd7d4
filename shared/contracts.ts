/** Every API route of every stage (each stage's `contract.ts`): the server serves them, the document lists them. */
import type { Contract } from './contract.ts';
import * as accounts from './accounts/contract.ts';
import * as audit from './audit/contract.ts';
import * as auth from './auth/contract.ts';
import * as ballot from './ballot/contract.ts';
import * as congress from './congress/contract.ts';
import * as departments from './departments/contract.ts';
import * as evaluation from './evaluation/contract.ts';
import * as gathering from './gathering/contract.ts';
import * as home from './home/contract.ts';
import * as kiosk from './kiosk/contract.ts';
import * as projects from './projects/contract.ts';
import * as roster from './roster/contract.ts';
import * as session from './session/contract.ts';
import * as tally from './tally/contract.ts';
import * as system from './system/contract.ts';
import * as stations from './stations/contract.ts';
import * as items from './items/contract.ts';
import * as hotline from './hotline/contract.ts';
import * as review from './review/contract.ts';
import * as archive from './archive/contract.ts';
import * as county from './county/contract.ts';
import * as templates from './templates/contract.ts';
import * as hallbox from './hallbox/contract.ts';
import * as notify from './notify/contract.ts';

const isContract = (x: unknown): x is Contract => typeof x === 'object' && x !== null && 'method' in x && 'path' in x && 'permission' in x;

/** The stages in the order of the API document. */
export const STAGES = { accounts, audit, auth, ballot, congress, departments, evaluation, gathering, home, kiosk, projects, roster, session, tally, system, stations, items, hotline, review, archive, county, templates, hallbox, notify } as const;

/** Each route with its name (`stage.exportName`: the document's operationId). */
export const NAMED_CONTRACTS: readonly (readonly [string, Contract])[] = Object.entries(STAGES).flatMap(([stage, m]) =>
  Object.entries(m as Record<string, unknown>).flatMap(([name, c]) => (isContract(c) ? [[`${stage}.${name}`, c] as const] : [])),
);

export const CONTRACTS: readonly Contract[] = NAMED_CONTRACTS.map(([, c]) => c);
