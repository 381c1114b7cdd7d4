/** Kiosks: the staff's set-up page (the device's own calls are in device.data.ts). */
import * as K from '../../../shared/kiosk/contract.ts';
import type { CreateKiosk, KioskCreated, KioskMe, KioskSummary } from '../../../shared/kiosk/schema.ts';
import { call } from '../api.ts';

export type { KioskCreated, KioskMe, KioskSummary };
const session = (c: string, s: string) => ({ congressId: c, sessionId: s });

export const fetchKiosks = (c: string, s: string) => call(K.listKiosks, { params: session(c, s) });
export const createKiosk = (c: string, s: string, body: CreateKiosk) => call(K.createKiosk, { params: session(c, s), body });
export const revokeKiosk = (c: string, s: string, id: string) => call(K.revokeKiosk, { params: { ...session(c, s), kioskId: id } });

