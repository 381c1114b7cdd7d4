import type { MyWork, RepresentativeHome } from '../../../shared/home/schema.ts';
import { api } from '../api.ts';

/** The signed-in person's to-do list (GET /api/me/work), computed by the server from the data. */
export const fetchWork = () => api.get<MyWork>('/me/work');
/** A representative's projects, session and proposals in each congress where they are seated. */
export const fetchRepresentativeHome = () => api.get<RepresentativeHome>('/me/representative');
