import * as C from '../../../shared/home/contract.ts';
import { call } from '../api.ts';

/** The signed-in person's to-do list (GET /api/me/work), computed by the server from the data. */
export const fetchWork = () => call(C.myWork);
/** A representative's projects, session and proposals in each congress where they are seated. */
export const fetchRepresentativeHome = () => call(C.representativeHome);
