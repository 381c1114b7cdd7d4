/** The stations stage's calls (shared/stations/contract.ts): stations, plan, records, and the public station page. */
import type { z } from 'zod';
import { urlOf } from '../../../shared/contract.ts';
import * as C from '../../../shared/stations/contract.ts';
import type { AddDays, CreateReception, PublicItem, UpdateStation } from '../../../shared/stations/schema.ts';
import { call } from '../api.ts';
import { withFiles } from '../gathering/gathering.data.ts';

export type { Plan, PlanDay, PublicStation, Reception, StationDetail, StationSummary } from '../../../shared/stations/schema.ts';

export const fetchStations = (congressId: string) => call(C.listStations, { params: { congressId } });
export const fetchStation = (congressId: string, stationId: string) => call(C.getStation, { params: { congressId, stationId } });
export const createStation = (congressId: string, body: z.input<typeof UpdateStation> & { name: string; kind: 'central' | 'village' }) => call(C.createStation, { params: { congressId }, body });
export const updateStation = (congressId: string, stationId: string, body: z.input<typeof UpdateStation>) => call(C.updateStation, { params: { congressId, stationId }, body });
export const setStationRepresentatives = (congressId: string, stationId: string, representativeIds: string[]) =>
  call(C.setStationRepresentatives, { params: { congressId, stationId }, body: { representativeIds } });

export const fetchPlan = (congressId: string, stationId: string, year: number) => call(C.getPlan, { params: { congressId, stationId }, query: { year } });
export const addPlanDays = (congressId: string, stationId: string, body: z.input<typeof AddDays>) => call(C.addPlanDays, { params: { congressId, stationId }, body });
export const removePlanDay = (congressId: string, stationId: string, dayId: string) => call(C.removePlanDay, { params: { congressId, stationId, dayId } });
export const setDuty = (congressId: string, stationId: string, dayId: string, representativeIds: string[]) => call(C.setDuty, { params: { congressId, stationId, dayId }, body: { representativeIds } });
export const publishPlan = (congressId: string, stationId: string, year: number) => call(C.publishPlan, { params: { congressId, stationId }, body: { year } });

export const fetchReceptions = (congressId: string, stationId: string, year: number) => call(C.listReceptions, { params: { congressId, stationId }, query: { year } });
export const createReception = (congressId: string, stationId: string, body: z.input<typeof CreateReception>, files: readonly File[]) =>
  call(C.createReception, { params: { congressId, stationId }, body: withFiles(body, files) });
export const receptionFileUrl = (congressId: string, stationId: string, receptionId: string, fileId: string) => urlOf(C.getReceptionFile, { congressId, stationId, receptionId, fileId });

export const fetchPublicStation = (stationId: string) => call(C.getPublicStation, { params: { stationId } });
export const submitStationItem = (stationId: string, body: z.input<typeof PublicItem>) => call(C.submitStationItem, { params: { stationId }, body });
export const stationQrUrl = (stationId: string) => urlOf(C.stationQr, { stationId });
