/**
 * The kiosk device's own calls, by address (addressOf): the voting tablet loads them, and it carries no schemas
 * (design §9: the tablet's JavaScript).
 */
import { addressOf } from '../../../shared/contract.ts';
import type * as K from '../../../shared/kiosk/contract.ts';
import type { KioskMe } from '../../../shared/kiosk/schema.ts';
import { call } from '../api.ts';

export type { KioskMe };

const C = {
  enrolKiosk: addressOf<typeof K.enrolKiosk>({ method: 'POST', path: '/public/kiosk/enrol' }),
  kioskMe: addressOf<typeof K.kioskMe>({ method: 'GET', path: '/kiosk/me' }),
  leaveKiosk: addressOf<typeof K.leaveKiosk>({ method: 'POST', path: '/kiosk/leave' }),
};

export const enrolDevice = (token: string) => call(C.enrolKiosk, { body: { token } });
export const fetchKioskMe = () => call(C.kioskMe);
export const leaveKiosk = (username: string, password: string) => call(C.leaveKiosk, { body: { username, password } });
