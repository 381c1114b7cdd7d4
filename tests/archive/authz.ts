/**
 * The archive stage's part of the authorization matrix (tests/security/authz-kit.ts): the office reads every archive
 * and enters trainings and 述职; a representative signed in with the delegate card reads their own and no one else's.
 */
import { uniq } from '../helpers/app.ts';
import { cg, STAFF, type StagePart, type X } from '../security/authz-kit.ts';

async function build({ w, base, today, must }: Parameters<StagePart['build']>[0]) {
  const entry = (title: string) => must(w.root.post(`${base}/archive/entries`, { representativeIds: [w.ids.rep0], kind: 'training', heldOn: today, title }), 'archive entry');
  w.ids.archiveEntry = (await entry(uniq('代表履职培训'))).ids[0];
  w.fresh.archiveEntry = async () => (await entry(uniq('代表履职培训'))).ids[0] as string;
}

const entry = async (x: X) => `${cg(x)}/archive/entries/${x.fresh ? await (x.w.fresh.archiveEntry as () => Promise<string>)() : x.w.ids.archiveEntry}`;
const year = new Date().getUTCFullYear();

export const part: StagePart = {
  build,
  table: {
    'GET /api/congresses/:congressId/archive': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/archive?year=${year}&sort=name&order=asc` }) },
    'GET /api/congresses/:congressId/archive.csv': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/archive.csv?year=${year}` }) },
    'GET /api/congresses/:congressId/archive/representatives/:representativeId': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/archive/representatives/${x.w.ids.rep0}` }) },
    // Their own only: the answer names no other representative.
    'GET /api/congresses/:congressId/archive/me': {
      allow: ['representative'],
      req: (x) => ({ path: `${cg(x)}/archive/me?year=${year}` }),
      hide: { representative: (w) => [w.ids.rep1, w.ids.rep2, w.ids.rep3, w.ids.rep4] },
    },
    'POST /api/congresses/:congressId/archive/entries': {
      allow: STAFF,
      req: (x) => ({ path: `${cg(x)}/archive/entries`, body: { representativeIds: [x.r.ids.rep1], kind: 'report', heldOn: '2020-06-01', title: uniq('向选民述职'), rating: 'satisfied' } }),
    },
    'PATCH /api/congresses/:congressId/archive/entries/:entryId': { allow: STAFF, req: async (x) => ({ path: await entry(x), body: { note: '补记' } }) },
    'DELETE /api/congresses/:congressId/archive/entries/:entryId': { allow: STAFF, req: async (x) => ({ path: await entry(x) }) },
  },
};
