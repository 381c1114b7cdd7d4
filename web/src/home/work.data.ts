import type * as Home from '../../../shared/home/contract.ts';
import { addressOf } from '../../../shared/contract.ts';

/** By address: these load with every page, which carries no schemas (addressOf). */
const C = {
  myWork: addressOf<typeof Home.myWork>({ method: 'GET', path: '/me/work' }),
  representativeHome: addressOf<typeof Home.representativeHome>({ method: 'GET', path: '/me/representative' }),
};
import { call } from '../api.ts';

/** The signed-in person's to-do list (GET /api/me/work), computed by the server from the data. */
export const fetchWork = () => call(C.myWork);
/** A representative's projects, session and proposals in each congress where they are seated. */
export const fetchRepresentativeHome = () => call(C.representativeHome);
