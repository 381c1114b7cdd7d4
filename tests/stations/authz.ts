/**
 * The stations stage's part of the authorization matrix (tests/security/authz-kit.ts). Its `build` also makes the
 * station keeper every route of the matrix calls as (`w.c.station`: the keeper of `w.ids.station`), so it runs for
 * every stage's rows.
 */
import { solved } from '../gathering/helpers.ts';
import { PASSWORD, uniq, type TestApp } from '../helpers/app.ts';
import { cg, MEMBERS, STAFF, EVERYONE, type StagePart, type Who, type X } from '../security/authz-kit.ts';

const KEEPERS: Who[] = ['sysadmin', 'admin', 'station'];
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (ch) => ch.charCodeAt(0));

/** The test app, for signing a check question (taken from a client the kit hands out: the kit does not pass it). */
let app: TestApp;
const st = (x: X, key = 'station') => `${cg(x)}/stations/${x.w.ids[key]}`;

async function build({ w, base, today, year, must, client }: Parameters<StagePart['build']>[0]) {
  app = (client() as unknown as { t: TestApp }).t;
  const root = w.root;
  // Two stations: the keeper keeps the first; the second is "another station" to them.
  w.ids.station = (await must(root.post(`${base}/stations`, { name: uniq('中心联络站'), kind: 'central', address: '镇政府一楼', contact: '0571-1234567', receptionTimes: '每月15日上午' }), 'station')).id;
  w.ids.station2 = (await must(root.post(`${base}/stations`, { name: uniq('河东村联络站'), kind: 'village' }), 'station2')).id;
  w.usernames.station = uniq('keeper');
  await must(root.post(`${base}/accounts`, { username: w.usernames.station, displayName: '联络站管理员', password: PASSWORD, role: 'station', stationId: w.ids.station }), 'keeper');
  const keeper = client();
  await keeper.login(w.usernames.station, PASSWORD);
  w.c.station = keeper;
  for (const s of ['station', 'station2'])
    await must(root.put(`${base}/stations/${w.ids[s]}/representatives`, { representativeIds: [w.ids.rep0, w.ids.rep1] }), 'assign');
  // A published day on each station, and a reception record with a photo and an item raised on the first.
  const dayOn = async (s: string, day: string) => {
    await must(root.post(`${base}/stations/${w.ids[s]}/plan/days`, { rule: 'one', day }), 'day');
    const plan = await must(root.get(`${base}/stations/${w.ids[s]}/plan?year=${day.slice(0, 4)}`));
    return plan.days.find((d: { day: string }) => d.day === day).id as string;
  };
  w.ids.day1 = await dayOn('station', `${year}-12-15`);
  w.ids.day2 = await dayOn('station2', `${year}-12-15`);
  await must(root.post(`${base}/stations/${w.ids.station}/plan/publish`, { year }), 'publish');
  const form = new FormData();
  form.set('data', JSON.stringify({ heldOn: today, visitors: 12, representativeIds: [w.ids.rep0], items: [{ category: 'urban', title: '路灯不亮', content: '东街路灯坏了三盏', submitterContact: '13800000000' }] }));
  form.set('files', new File([PNG as Uint8Array<ArrayBuffer>], 'photo.png'));
  const made = await must(root.post(`${base}/stations/${w.ids.station}/receptions`, form), 'reception');
  w.ids.reception = made.id;
  w.ids.receptionItem = made.items[0].id;
  const list = await must(root.get(`${base}/stations/${w.ids.station}/receptions?year=${today.slice(0, 4)}`));
  w.ids.receptionFile = list[0].files[0].id;
  // Fresh plan days to remove (one per allowed call): days counted down from the end of next year.
  let n = 0;
  w.fresh.planDay = async (s: string) => {
    const d = new Date(Date.UTC(year + 1, 11, 31 - n++)).toISOString().slice(0, 10);
    await must(root.post(`${base}/stations/${w.ids[s]}/plan/days`, { rule: 'one', day: d }), 'fresh day');
    const plan = await must(root.get(`${base}/stations/${w.ids[s]}/plan?year=${year + 1}`));
    return plan.days.find((x: { day: string }) => x.day === d).id as string;
  };
}

const fresh = (x: X, s = 'station') => (x.w.fresh.planDay as (s: string) => Promise<string>)(s);

export const part: StagePart = {
  build,
  table: {
    'GET /api/congresses/:congressId/stations': { allow: MEMBERS, req: (x) => ({ path: `${cg(x)}/stations` }) },
    'POST /api/congresses/:congressId/stations': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/stations`, body: { name: uniq('新联络站'), kind: 'village' } }) },
    'GET /api/congresses/:congressId/stations/:stationId': { allow: MEMBERS, req: (x) => ({ path: st(x) }) },
    'PATCH /api/congresses/:congressId/stations/:stationId': { allow: STAFF, req: (x) => ({ path: st(x), body: { contact: '0571-7654321' } }) },
    'PUT /api/congresses/:congressId/stations/:stationId/representatives': {
      allow: STAFF,
      req: (x) => ({ path: `${st(x)}/representatives`, body: { representativeIds: [x.r.ids.rep0, x.r.ids.rep1] } }),
    },
    'GET /api/congresses/:congressId/stations/:stationId/plan': { allow: MEMBERS, req: (x) => ({ path: `${st(x)}/plan` }) },
    'POST /api/congresses/:congressId/stations/:stationId/plan/days': [
      { on: 'own station', allow: KEEPERS, req: (x) => ({ path: `${st(x)}/plan/days`, body: { rule: 'monthly', dayOfMonth: 28, from: `${new Date().getUTCFullYear() + 1}-01-01`, to: `${new Date().getUTCFullYear() + 1}-06-30` } }) },
      { on: 'another station', allow: STAFF, req: (x) => ({ path: `${st(x, 'station2')}/plan/days`, body: { rule: 'weekly', weekday: 2, from: `${new Date().getUTCFullYear() + 1}-01-01`, to: `${new Date().getUTCFullYear() + 1}-01-31` } }) },
    ],
    'DELETE /api/congresses/:congressId/stations/:stationId/plan/days/:dayId': [
      { on: 'own station', allow: KEEPERS, req: async (x) => ({ path: `${st(x)}/plan/days/${x.fresh ? await fresh(x) : x.w.ids.day1}` }) },
      { on: "another station's path, a day of the own station", allow: [], req: (x) => ({ path: `${st(x, 'station2')}/plan/days/${x.w.ids.day1}` }) },
      { on: 'another station', allow: STAFF, req: async (x) => ({ path: `${st(x, 'station2')}/plan/days/${x.fresh ? await fresh(x, 'station2') : x.w.ids.day2}` }) },
    ],
    'PUT /api/congresses/:congressId/stations/:stationId/plan/days/:dayId/duty': [
      { on: 'own station', allow: KEEPERS, req: (x) => ({ path: `${st(x)}/plan/days/${x.w.ids.day1}/duty`, body: { representativeIds: [x.r.ids.rep0] } }) },
      { on: 'another station', allow: STAFF, req: (x) => ({ path: `${st(x, 'station2')}/plan/days/${x.w.ids.day2}/duty`, body: { representativeIds: [x.r.ids.rep1] } }) },
    ],
    'POST /api/congresses/:congressId/stations/:stationId/plan/publish': [
      { on: 'own station', allow: KEEPERS, req: (x) => ({ path: `${st(x)}/plan/publish`, body: { year: new Date().getUTCFullYear() } }) },
      { on: 'another station', allow: STAFF, req: (x) => ({ path: `${st(x, 'station2')}/plan/publish`, body: { year: new Date().getUTCFullYear() } }) },
    ],
    'GET /api/congresses/:congressId/stations/:stationId/receptions': { allow: MEMBERS, req: (x) => ({ path: `${st(x)}/receptions` }) },
    'POST /api/congresses/:congressId/stations/:stationId/receptions': [
      {
        on: 'own station',
        allow: KEEPERS,
        req: (x) => ({
          path: `${st(x)}/receptions`,
          body: { heldOn: '2020-01-15', kind: 'home_visit', visitors: 3, representativeIds: [x.r.ids.rep0], items: [{ category: 'social', title: '老人助餐', content: '希望增设助餐点', representativeId: x.r.ids.rep1 }] },
        }),
      },
      { on: 'another station', allow: STAFF, req: (x) => ({ path: `${st(x, 'station2')}/receptions`, body: { heldOn: '2020-01-15', visitors: 1, representativeIds: [x.r.ids.rep1] } }) },
    ],
    'GET /api/congresses/:congressId/stations/:stationId/receptions/:receptionId/files/:fileId': {
      allow: MEMBERS,
      req: (x) => ({ path: `${st(x)}/receptions/${x.w.ids.reception}/files/${x.w.ids.receptionFile}` }),
    },
    'GET /api/public/stations/:stationId': { allow: EVERYONE, req: (x) => ({ path: `/api/public/stations/${x.w.ids.station}` }) },
    'POST /api/public/stations/:stationId/items': {
      allow: EVERYONE,
      req: async (x) => ({ path: `/api/public/stations/${x.w.ids.station}/items`, body: { category: 'ecology', title: uniq('河道垃圾'), content: '河道里垃圾多', submitterContact: '13900000000', ...(await solved(app)) } }),
    },
    'GET /api/public/stations/:stationId/qr.svg': { allow: EVERYONE, req: (x) => ({ path: `/api/public/stations/${x.w.ids.station}/qr.svg`, stream: true }) },
  },
};
