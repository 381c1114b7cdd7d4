/**
 * The items stage's part of the authorization matrix (tests/security/authz-kit.ts). Runs after the stations part (it
 * uses `w.ids.station`, kept by `w.c.station`). Items of congress A: `item` (received, at the keeper's station, raised
 * by rep0, with a photo), `itemAssigned` (with department d1), `itemDone` (answered by d1 and accepted, raised by rep0),
 * `itemPlain` (staff's, no station, no representative) and `itemStation2` (at the other station); fresh ones per allowed
 * call for the moves that use an item up.
 */
import { uniq } from '../helpers/app.ts';
import { cg, EVERYONE, STAFF, type BuildKit, type StagePart, type Who, type X } from '../security/authz-kit.ts';

const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (ch) => ch.charCodeAt(0));
/** Who sees an item at the keeper's station, raised by rep0, assigned to d1. */
const SEERS: Who[] = ['sysadmin', 'admin', 'government', 'department', 'station', 'representative'];
const READERS: Who[] = ['sysadmin', 'admin', 'government', 'department', 'department2', 'station', 'representative'];
const KEEPERS: Who[] = ['sysadmin', 'admin', 'station'];
const ENTER: Who[] = ['sysadmin', 'admin', 'station', 'representative'];

const it = (x: X, id = x.w.ids.item) => `${cg(x)}/items/${id}`;
type Maker = () => Promise<string>;
const fresh = (x: X, name: string) => (x.w.fresh[name] as Maker)();

async function build({ w, base, must }: BuildKit) {
  const root = w.root;
  const item = async (over: Record<string, unknown> = {}) =>
    must(root.post(`${base}/items`, { source: 'reception', category: 'urban', title: uniq('东街路灯'), content: '路灯不亮', submitterContact: '13911112222', stationId: w.ids.station, representativeId: w.ids.rep0, ...over }), 'item') as Promise<{ id: string; trackingCode: string }>;
  const assigned = async (over: Record<string, unknown> = {}) => {
    const i = await item(over);
    await must(root.post(`${base}/items/${i.id}/assign`, { departmentId: w.ids.d1 }), 'assign');
    return i;
  };
  const answered = async () => {
    const i = await assigned();
    await must(w.c.department.post(`${base}/items/${i.id}/answer`, { answerClass: 'resolved', text: '已修复' }), 'answer');
    return i;
  };
  const done = async () => {
    const i = await answered();
    await must(root.post(`${base}/items/${i.id}/accept`, {}), 'accept');
    return i;
  };
  const form = new FormData();
  form.set('data', JSON.stringify({ source: 'reception', category: 'urban', title: uniq('西街积水'), content: '雨后积水', submitterContact: '13911113333', stationId: w.ids.station, representativeId: w.ids.rep0 }));
  form.set('files', new File([PNG as Uint8Array<ArrayBuffer>], 'photo.png'));
  const withPhoto = await must(root.post(`${base}/items`, form), 'item with photo');
  w.ids.item = withPhoto.id;
  w.ids.itemCode = withPhoto.trackingCode;
  w.ids.itemFile = (await must(root.get(`${base}/items/${withPhoto.id}`))).files[0].id;
  w.ids.itemAssigned = (await assigned()).id;
  const d = await done();
  w.ids.itemDone = d.id;
  w.ids.itemDoneCode = d.trackingCode;
  w.ids.itemAnswered = (await answered()).id;
  w.ids.itemPlain = (await item({ source: 'staff', stationId: null, representativeId: null })).id;
  w.ids.itemStation2 = (await item({ stationId: w.ids.station2, representativeId: null })).id;
  w.fresh.itemReceived = async () => (await item()).id;
  w.fresh.itemStation2 = async () => (await item({ stationId: w.ids.station2 })).id;
  w.fresh.itemAssigned = async () => (await assigned()).id;
  w.fresh.itemAnswered = async () => (await answered()).id;
  w.fresh.itemDone = async () => (await done()).id;
  w.fresh.itemDoneCode = async () => (await done()).trackingCode;
}

/** A move on a fresh item for an allowed caller, on a fixed one (not changed by a refusal) otherwise. */
const moveOn = (maker: string, fixed: string, action: string, body?: (x: X) => unknown) => (async (x: X) => ({ path: `${it(x, x.fresh ? await fresh(x, maker) : x.w.ids[fixed])}/${action}`, body: body ? body(x) : {} }));

export const part: StagePart = {
  build,
  table: {
    'GET /api/congresses/:congressId/items': {
      allow: READERS,
      req: (x) => ({ path: `${cg(x)}/items?size=200` }),
      hide: {
        department2: (w) => [w.ids.itemAssigned, w.ids.item, w.ids.itemDone],
        representative: (w) => [w.ids.itemPlain, w.ids.itemStation2],
        station: (w) => [w.ids.itemPlain, w.ids.itemStation2],
        department: (w) => [w.ids.itemPlain, w.ids.item],
      },
    },
    'POST /api/congresses/:congressId/items': [
      { allow: ENTER, req: (x) => ({ path: `${cg(x)}/items`, body: { source: 'representative', category: 'social', title: uniq('助餐点'), content: '希望增设老年助餐点' } }) },
      { on: 'a station in the body', allow: KEEPERS, req: (x) => ({ path: `${cg(x)}/items`, body: { source: 'resident', category: 'social', title: uniq('助餐点'), content: '希望增设老年助餐点', stationId: x.r.ids.station } }) },
    ],
    'GET /api/congresses/:congressId/items/due-date': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/items/due-date?urgency=urgent` }) },
    'GET /api/congresses/:congressId/items/:itemId': [
      { allow: SEERS, req: (x) => ({ path: it(x, x.w.ids.itemAssigned) }) },
      { on: "another station's item", allow: ['sysadmin', 'admin', 'government'], req: (x) => ({ path: it(x, x.w.ids.itemStation2) }) },
    ],
    'GET /api/congresses/:congressId/items/:itemId/files/:fileId': {
      allow: ['sysadmin', 'admin', 'government', 'station', 'representative'],
      req: (x) => ({ path: `${it(x)}/files/${x.w.ids.itemFile}`, stream: true }),
    },
    'POST /api/congresses/:congressId/items/:itemId/answer-on-spot': [
      { on: "the keeper's station", allow: KEEPERS, req: moveOn('itemReceived', 'item', 'answer-on-spot', () => ({ note: '当场答复' })) },
      { on: 'another station', allow: STAFF, req: moveOn('itemStation2', 'itemStation2', 'answer-on-spot', () => ({ note: '当场答复' })) },
    ],
    'POST /api/congresses/:congressId/items/:itemId/assign': { allow: STAFF, req: moveOn('itemReceived', 'item', 'assign', (x) => ({ departmentId: x.r.ids.d1, urgency: 'urgent' })) },
    'POST /api/congresses/:congressId/items/:itemId/reassign': { allow: STAFF, req: moveOn('itemAssigned', 'itemAssigned', 'reassign', (x) => ({ departmentId: x.r.ids.d2 })) },
    'POST /api/congresses/:congressId/items/:itemId/refer': { allow: STAFF, req: moveOn('itemReceived', 'item', 'refer', () => ({ to: '县人大常委会' })) },
    'POST /api/congresses/:congressId/items/:itemId/merge': { allow: STAFF, req: moveOn('itemReceived', 'item', 'merge', (x) => ({ intoId: x.r.ids.itemAssigned, reason: '同一路段' })) },
    'POST /api/congresses/:congressId/items/:itemId/to-proposal': { allow: STAFF, req: moveOn('itemReceived', 'item', 'to-proposal', () => ({ note: '转为项目建议' })) },
    'POST /api/congresses/:congressId/items/:itemId/answer': { allow: ['sysadmin', 'department'], req: moveOn('itemAssigned', 'itemAssigned', 'answer', () => ({ answerClass: 'in_progress', text: '正在办理' })) },
    'POST /api/congresses/:congressId/items/:itemId/accept': { allow: STAFF, req: moveOn('itemAnswered', 'itemAnswered', 'accept') },
    'POST /api/congresses/:congressId/items/:itemId/return': { allow: STAFF, req: moveOn('itemAnswered', 'itemAnswered', 'return', () => ({ reason: '请补充照片' })) },
    'PUT /api/congresses/:congressId/items/:itemId/key': { allow: STAFF, req: (x) => ({ path: `${it(x, x.w.ids.itemAssigned)}/key`, body: { keyItem: true, leader: '李主任' } }) },
    'POST /api/congresses/:congressId/items/:itemId/supervisions': {
      allow: STAFF,
      req: (x) => ({ path: `${it(x, x.w.ids.itemAssigned)}/supervisions`, body: { heldOn: '2020-01-15', leader: '李主任', found: '已采购路灯' } }),
    },
    'POST /api/congresses/:congressId/items/:itemId/handling-rating': {
      allow: ['representative'],
      req: moveOn('itemDone', 'itemDone', 'handling-rating', () => ({ attitude: 'satisfied', handling: 'satisfied', effect: 'basically' })),
    },
    'GET /api/public/items/:code': { allow: EVERYONE, req: (x) => ({ path: `/api/public/items/${x.w.ids.itemCode}` }) },
    'GET /api/public/tracking/:code/kind': { allow: EVERYONE, req: (x) => ({ path: `/api/public/tracking/${x.w.ids.itemCode}/kind` }) },
    'POST /api/public/items/:code/feedback': {
      allow: EVERYONE,
      ok: ['item_feedback_given'],
      req: async (x) => ({ path: `/api/public/items/${x.fresh ? await fresh(x, 'itemDoneCode') : x.w.ids.itemDoneCode}/feedback`, body: { grade: 'satisfied' } }),
    },
  },
};
