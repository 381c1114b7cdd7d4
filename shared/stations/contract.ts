/** The stations stage's API routes, each once (shared/contract.ts). SPEC §13–14. */
import { z } from 'zod';
import { MB, route } from '../contract.ts';
import { CongressId } from '../congress/schema.ts';
import { ATTACHMENT_TYPES } from '../gathering/contract.ts';
import {
  AddDays,
  CreatedReception,
  CreateReception,
  CreateStation,
  DayParams,
  DaysAdded,
  FileParams,
  Plan,
  PublicItem,
  PublicStation,
  PublicStationParams,
  Publish,
  Reception,
  SetDuty,
  SetRepresentatives,
  StationDetail,
  StationParams,
  StationSummary,
  UpdateStation,
  YearQuery,
} from './schema.ts';

const tag = 'stations';
const Ok = z.object({ ok: z.literal(true) });
const S = '/congresses/:congressId/stations';
const ATTACHMENT_ERRORS = ['too_many_attachments', 'attachment_empty', 'attachment_too_large', 'attachment_type'] as const;
const KEEP_ERRORS = ['station_not_found', 'station_not_yours'] as const;

// ---- stations ----
export const listStations = route({
  method: 'GET',
  path: S,
  tag,
  summary: 'Liaison stations of this congress with their keepers, representatives counted and the next reception day',
  permission: 'stations.read',
  params: CongressId,
  response: z.array(StationSummary),
});

export const createStation = route({
  method: 'POST',
  path: S,
  tag,
  summary: 'Add a liaison station (central or village)',
  permission: 'stations.manage',
  params: CongressId,
  body: CreateStation,
  status: 201,
  response: z.object({ id: z.string() }),
  errors: ['station_name_taken'],
});

export const getStation = route({
  method: 'GET',
  path: `${S}/:stationId`,
  tag,
  summary: 'A liaison station: its representatives, keepers and what the caller may do there',
  permission: 'stations.read',
  params: StationParams,
  response: StationDetail,
  errors: ['station_not_found'],
});

export const updateStation = route({
  method: 'PATCH',
  path: `${S}/:stationId`,
  tag,
  summary: 'Edit a liaison station (name, kind, address, public contact, reception times, duties)',
  permission: 'stations.manage',
  params: StationParams,
  body: UpdateStation,
  response: Ok,
  errors: ['station_not_found', 'station_name_taken'],
});

export const setStationRepresentatives = route({
  method: 'PUT',
  path: `${S}/:stationId/representatives`,
  tag,
  summary: 'Set the representatives assigned to the station (进站); one representative may be in several stations',
  permission: 'stations.manage',
  params: StationParams,
  body: SetRepresentatives,
  response: Ok,
  errors: ['station_not_found', 'representative_not_found'],
});

// ---- the reception plan ----
export const getPlan = route({
  method: 'GET',
  path: `${S}/:stationId/plan`,
  tag,
  summary: "A station's reception plan for a year: the days, who is on duty, and who fell short of the quarterly minimum",
  permission: 'stations.read',
  params: StationParams,
  query: YearQuery,
  response: Plan,
  errors: ['station_not_found'],
});

export const addPlanDays = route({
  method: 'POST',
  path: `${S}/:stationId/plan/days`,
  tag,
  summary: 'Add reception days: one day, every Nth of the month or every weekday between two dates (days already planned are skipped)',
  permission: 'stations.keep',
  params: StationParams,
  body: AddDays,
  status: 201,
  response: DaysAdded,
  errors: [...KEEP_ERRORS, 'reception_day_exists', 'plan_range_invalid', 'plan_rule_no_days'],
});

export const removePlanDay = route({
  method: 'DELETE',
  path: `${S}/:stationId/plan/days/:dayId`,
  tag,
  summary: 'Remove a reception day from the plan (not one that has a record)',
  permission: 'stations.keep',
  params: DayParams,
  response: Ok,
  errors: [...KEEP_ERRORS, 'reception_day_not_found', 'reception_day_recorded'],
});

export const setDuty = route({
  method: 'PUT',
  path: `${S}/:stationId/plan/days/:dayId/duty`,
  tag,
  summary: 'Set who is on duty on a reception day (representatives of the station)',
  permission: 'stations.keep',
  params: DayParams,
  body: SetDuty,
  response: Ok,
  errors: [...KEEP_ERRORS, 'reception_day_not_found', 'representative_not_found', 'not_station_representative'],
});

export const publishPlan = route({
  method: 'POST',
  path: `${S}/:stationId/plan/publish`,
  tag,
  summary: "Publish a year's reception plan (上墙): its days show on the station's public page",
  permission: 'stations.keep',
  params: StationParams,
  body: Publish,
  response: z.object({ published: z.int() }),
  errors: [...KEEP_ERRORS],
});

// ---- reception records ----
export const listReceptions = route({
  method: 'GET',
  path: `${S}/:stationId/receptions`,
  tag,
  summary: "A station's reception records of a year (newest first): representatives present, visitors, photos, items raised",
  permission: 'stations.read',
  params: StationParams,
  query: YearQuery,
  response: z.array(Reception),
  errors: ['station_not_found'],
});

export const createReception = route({
  method: 'POST',
  path: `${S}/:stationId/receptions`,
  tag,
  summary: 'Record a reception, home visit or theme day (JSON, or multipart with `data` and photo/PDF `files`); each item raised gets a tracking code',
  permission: 'stations.keep',
  params: StationParams,
  body: CreateReception,
  bodyKind: 'json-or-multipart',
  accepts: ATTACHMENT_TYPES,
  limit: 26 * MB,
  limitLabel: '26 MB',
  status: 201,
  response: CreatedReception,
  errors: [...KEEP_ERRORS, 'reception_in_future', 'reception_day_not_found', 'representative_not_found', 'item_category_unused', ...ATTACHMENT_ERRORS],
});

export const getReceptionFile = route({
  method: 'GET',
  path: `${S}/:stationId/receptions/:receptionId/files/:fileId`,
  tag,
  summary: 'A photo or PDF of a reception record',
  description: 'The bytes, served inline with the type judged from them, in a sandbox.',
  permission: 'stations.read',
  params: FileParams,
  produces: 'file',
  errors: ['station_not_found', 'reception_not_found', 'reception_file_not_found'],
});

// ---- public ----
export const getPublicStation = route({
  method: 'GET',
  path: '/public/stations/:stationId',
  tag: 'public',
  summary: "A liaison station's public page: representatives (names only), contact, reception times, duties and the published reception days",
  permission: 'public',
  params: PublicStationParams,
  response: PublicStation,
  errors: ['station_not_found'],
});

export const submitStationItem = route({
  method: 'POST',
  path: '/public/stations/:stationId/items',
  tag: 'public',
  summary: "A resident leaves an opinion or suggestion at a station's page; answers its tracking code",
  description: 'At most 10 submissions an hour from one address; the check question is used up by a submission it lets through.',
  permission: 'public',
  params: PublicStationParams,
  body: PublicItem,
  status: 201,
  response: z.object({ trackingCode: z.string() }),
  errors: ['station_not_found', 'rate_limited', 'challenge_failed', 'challenge_expired', 'too_fast', 'item_category_unused'],
});

export const stationQr = route({
  method: 'GET',
  path: '/public/stations/:stationId/qr.svg',
  tag: 'public',
  summary: "QR code of the station's public page, for its poster",
  permission: 'public',
  params: PublicStationParams,
  produces: 'svg',
  errors: ['station_not_found'],
});
