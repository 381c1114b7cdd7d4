import type { MyWork } from '../../../shared/home/schema.ts';
import { api } from '../api.ts';

/** The signed-in person's to-do list (GET /api/me/work), computed by the server from the data. */
export const fetchWork = () => api.get<MyWork>('/me/work');
