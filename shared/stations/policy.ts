/** Who may do what in the stations stage: each permission once (shared/policy.ts gathers every stage's). */
import { inCongress, type Policy } from '../permission.ts';

export const stationsPolicy = {
  /** Everyone with a role in the congress sees its stations, their representatives, plans and records (the public page shows most of it anyway). */
  'stations.read': inCongress('any'),
  /** Staff add and edit stations and assign representatives (进站). */
  'stations.manage': inCongress(['admin']),
  /** The reception plan and records: staff for every station, a keeper (role station) for their own station only (checked in the handler). */
  'stations.keep': inCongress(['admin', 'station']),
} as const satisfies Policy;
