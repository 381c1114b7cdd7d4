/** Kiosks: the staff's set-up page and the device's own calls. */
import type { CreateKiosk, KioskCreated, KioskMe, KioskSummary } from '../../../shared/kiosk/schema.ts';
import { api } from '../api.ts';

export type { KioskCreated, KioskMe, KioskSummary };
const kiosks = (c: string, s: string) => `/congresses/${c}/sessions/${s}/kiosks`;

export const fetchKiosks = (c: string, s: string) => api.get<KioskSummary[]>(kiosks(c, s));
export const createKiosk = (c: string, s: string, body: CreateKiosk) => api.post<KioskCreated>(kiosks(c, s), body);
export const revokeKiosk = (c: string, s: string, id: string) => api.del<KioskSummary>(`${kiosks(c, s)}/${id}`);

export const enrolDevice = (token: string) => api.post<KioskMe>('/public/kiosk/enrol', { token });
export const fetchKioskMe = () => api.get<KioskMe>('/kiosk/me');
export const leaveKiosk = (username: string, password: string) => api.post<{ ok: true }>('/kiosk/leave', { username, password });
