import type { Db } from '../db/client.ts';
export async function loadDemo(_db: Db) {}
