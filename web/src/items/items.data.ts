/** 意见建议 (SPEC §13): the list, one item, the moves, the department's answer, key items, ratings, the public tracking. */
import type { z } from 'zod';
import { urlOf } from '../../../shared/contract.ts';
import * as C from '../../../shared/items/contract.ts';
import type { AddSupervision, Assign, CreateItem, HandlingRating, Item, ItemPageQuery, ItemRow, ItemTracking } from '../../../shared/items/schema.ts';
import { listStations } from '../../../shared/stations/contract.ts';
import { call } from '../api.ts';
import { withFiles } from '../gathering/gathering.data.ts';

export type { Item, ItemRow, ItemTracking };
export type ItemFilter = Partial<z.input<typeof ItemPageQuery>>;
type P = { congressId: string; itemId: string };

export const fetchItemPage = (congressId: string, f: ItemFilter) => call(C.listItems, { params: { congressId }, query: f });
export const fetchItem = (congressId: string, itemId: string) => call(C.getItem, { params: { congressId, itemId } });
export const itemFileUrl = (p: P, fileId: string) => urlOf(C.getItemFile, { ...p, fileId });
export const fetchDueDate = (congressId: string, urgency: z.input<typeof Assign>['urgency']) => call(C.itemDueDate, { params: { congressId }, query: { urgency } });
export const fetchStations = (congressId: string) => call(listStations, { params: { congressId } });

export const createItem = (congressId: string, input: z.input<typeof CreateItem>, files: readonly File[] = []) =>
  call(C.createItem, { params: { congressId }, body: withFiles(input, files) });

// ---- triage (分类交办) ----
export const answerOnSpot = (p: P, note: string) => call(C.answerOnSpot, { params: p, body: { note } });
export const assignItem = (p: P, body: z.input<typeof Assign>) => call(C.assignItem, { params: p, body });
export const reassignItem = (p: P, body: z.input<typeof Assign>) => call(C.reassignItem, { params: p, body });
export const referItem = (p: P, to: string) => call(C.referItem, { params: p, body: { to } });
export const mergeItem = (p: P, intoId: string, reason: string) => call(C.mergeItem, { params: p, body: { intoId, reason } });
export const itemToProposal = (p: P, note: string) => call(C.itemToProposal, { params: p, body: { note } });

// ---- answer and check ----
export const answerItem = (p: P, body: { answerClass: Item['answerClass'] & string; text: string }, files: readonly File[]) =>
  call(C.answerItem, { params: p, body: withFiles(body, files) });
export const acceptAnswer = (p: P) => call(C.acceptAnswer, { params: p });
export const returnAnswer = (p: P, reason: string) => call(C.returnAnswer, { params: p, body: { reason } });

// ---- key items ----
export const setKeyItem = (p: P, leader: string | null) =>
  call(C.setKeyItem, { params: p, body: leader === null ? { keyItem: false } : { keyItem: true, leader } });
export const addSupervision = (p: P, body: z.input<typeof AddSupervision>, files: readonly File[]) =>
  call(C.addSupervision, { params: p, body: withFiles(body, files) });

// ---- ratings ----
export const rateHandling = (p: P, body: HandlingRating) => call(C.rateHandling, { params: p, body });
export const trackItem = (code: string) => call(C.trackItem, { params: { code } });
export const itemFeedback = (code: string, body: { grade: 'satisfied' | 'basically' | 'unsatisfied'; comment: string }) => call(C.itemFeedback, { params: { code }, body });
