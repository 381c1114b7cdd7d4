/** The stations stage's shapes (SPEC §13): liaison stations, their representatives, the reception plan and records. */
import { z } from 'zod';
import { ITEM_CATEGORIES, RECEPTION_KINDS, STATION_KINDS } from '../items/enums.ts';
import { CongressId } from '../congress/schema.ts';
import { IsoDate, Year } from '../gathering/schema.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).default('');

export const StationKind = z.enum(STATION_KINDS);
export const ReceptionKind = z.enum(RECEPTION_KINDS);
export const ItemCategory = z.enum(ITEM_CATEGORIES);

export const StationParams = CongressId.extend({ stationId: z.uuid() });
export const DayParams = StationParams.extend({ dayId: z.uuid() });
export const ReceptionParams = StationParams.extend({ receptionId: z.uuid() });
export const FileParams = ReceptionParams.extend({ fileId: z.uuid() });
export const PublicStationParams = z.object({ stationId: z.uuid() });
export const YearQuery = z.object({ year: z.coerce.number().pipe(Year).optional() });

// ---- stations --------------------------------------------------------------------------------------------------
const stationFields = {
  name: text(60),
  kind: StationKind,
  address: z.string().trim().max(120),
  /** The station's public contact (上墙公布), never a person's private phone. */
  contact: z.string().trim().max(80),
  receptionTimes: z.string().trim().max(200),
  duties: z.string().trim().max(2000),
  position: z.int().min(0).max(9999),
};
export const CreateStation = z.object({
  ...stationFields,
  address: stationFields.address.default(''),
  contact: stationFields.contact.default(''),
  receptionTimes: stationFields.receptionTimes.default(''),
  duties: stationFields.duties.default(''),
  position: stationFields.position.default(0),
});
/** Only the fields sent change. */
export const UpdateStation = z
  .object(stationFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'empty_update' });
export const SetRepresentatives = z.object({ representativeIds: z.array(z.uuid()).max(500) });

const RepRef = z.object({ id: z.string(), name: z.string(), delegation: z.string() });
export type RepRef = z.infer<typeof RepRef>;

export const StationSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: StationKind,
  address: z.string(),
  contact: z.string(),
  receptionTimes: z.string(),
  duties: z.string(),
  position: z.int(),
  representatives: z.int(),
  keepers: z.array(z.object({ id: z.string(), displayName: z.string() })),
  /** The next planned reception day (published or not), if any. */
  nextDay: IsoDate.nullable(),
  receptionsThisYear: z.int(),
  /** Items that came in through the station and wait for triage. */
  itemsWaiting: z.int(),
});
export type StationSummary = z.infer<typeof StationSummary>;

export const StationDetail = StationSummary.extend({
  representativeList: z.array(RepRef),
  /** What the caller may do here: staff edit everything; the station's own keeper its plan and records. */
  canManage: z.boolean(),
  canKeep: z.boolean(),
  publicUrl: z.string(),
});
export type StationDetail = z.infer<typeof StationDetail>;

// ---- the reception plan ----------------------------------------------------------------------------------------
/** Days to add: one day; every Nth of the month between two dates; or every weekday W (1 Monday … 7 Sunday) between two dates. */
const DayKind = { kind: ReceptionKind.default('reception'), theme: optText(80) };
export const AddDays = z.discriminatedUnion('rule', [
  z.object({ rule: z.literal('one'), day: IsoDate, ...DayKind }),
  z.object({ rule: z.literal('monthly'), dayOfMonth: z.int().min(1).max(31), from: IsoDate, to: IsoDate, ...DayKind }),
  z.object({ rule: z.literal('weekly'), weekday: z.int().min(1).max(7), from: IsoDate, to: IsoDate, ...DayKind }),
]);
export type AddDays = z.infer<typeof AddDays>;
export const DaysAdded = z.object({ added: z.int(), skipped: z.int(), days: z.array(IsoDate) });
export const SetDuty = z.object({ representativeIds: z.array(z.uuid()).max(50) });
export const Publish = z.object({ year: Year });

export const PlanDay = z.object({
  id: z.string(),
  day: IsoDate,
  kind: ReceptionKind,
  theme: z.string(),
  published: z.boolean(),
  duty: z.array(RepRef),
  /** The reception record made for this day, if any. */
  receptionId: z.string().nullable(),
});
export type PlanDay = z.infer<typeof PlanDay>;

export const ShortfallRow = z.object({ representativeId: z.string(), name: z.string(), delegation: z.string(), attended: z.int() });
export const QuarterShortfall = z.object({ quarter: z.int().min(1).max(4), from: IsoDate, to: IsoDate, ended: z.boolean(), started: z.boolean(), below: z.array(ShortfallRow) });
export type QuarterShortfall = z.infer<typeof QuarterShortfall>;

export const Plan = z.object({
  year: z.int(),
  days: z.array(PlanDay),
  unpublished: z.int(),
  /** 每季度至少 n 次: the congress setting. */
  perQuarter: z.int(),
  shortfall: z.array(QuarterShortfall),
});
export type Plan = z.infer<typeof Plan>;

// ---- reception records -----------------------------------------------------------------------------------------
export const RaisedItem = z.object({
  category: ItemCategory,
  title: text(80),
  content: text(2000),
  place: optText(80),
  submitterName: optText(40),
  /** Private: never on a public page, an export or a log. */
  submitterContact: optText(80),
  /** The representative who took it (they rate its handling later). */
  representativeId: z.uuid().optional(),
});
export const CreateReception = z.object({
  heldOn: IsoDate,
  kind: ReceptionKind.default('reception'),
  theme: optText(80),
  dayId: z.uuid().optional(),
  visitors: z.int().min(0).max(100000),
  notes: optText(4000),
  representativeIds: z.array(z.uuid()).max(50).default([]),
  items: z.array(RaisedItem).max(50).default([]),
});
export type CreateReception = z.infer<typeof CreateReception>;

export const Reception = z.object({
  id: z.string(),
  heldOn: IsoDate,
  kind: ReceptionKind,
  theme: z.string(),
  dayId: z.string().nullable(),
  visitors: z.int(),
  notes: z.string(),
  representatives: z.array(RepRef),
  files: z.array(z.object({ id: z.string(), filename: z.string(), mime: z.string(), size: z.int() })),
  items: z.array(z.object({ id: z.string(), trackingCode: z.string(), title: z.string(), status: z.string() })),
});
export type Reception = z.infer<typeof Reception>;
export const CreatedReception = z.object({ id: z.string(), items: z.array(z.object({ id: z.string(), trackingCode: z.string() })) });

// ---- the public page -------------------------------------------------------------------------------------------
export const PublicStation = z.object({
  id: z.string(),
  congressId: z.string(),
  congressName: z.string(),
  name: z.string(),
  kind: StationKind,
  address: z.string(),
  contact: z.string(),
  receptionTimes: z.string(),
  duties: z.string(),
  /** Names and delegations only — never a phone. */
  representatives: z.array(z.object({ name: z.string(), delegation: z.string() })),
  /** Published reception days from today on, with who is on duty. */
  upcoming: z.array(z.object({ day: IsoDate, kind: ReceptionKind, theme: z.string(), duty: z.array(z.string()) })),
  categories: z.array(ItemCategory),
  pageUrl: z.string(),
});
export type PublicStation = z.infer<typeof PublicStation>;

export const PublicItem = z.object({
  category: ItemCategory,
  title: text(80),
  content: text(2000),
  place: optText(80),
  submitterName: optText(40),
  /** Private: only staff and this station's keeper see it. */
  submitterContact: optText(80),
  challenge: z.string().min(10).max(2000),
  answer: z.string().trim().max(10),
  /** Left empty by people; bots fill every field. */
  website: z.string().max(200).optional(),
});
export type PublicItem = z.infer<typeof PublicItem>;
