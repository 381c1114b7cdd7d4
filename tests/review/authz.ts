/**
 * The review stage's part of the authorization matrix (tests/security/authz-kit.ts): the official calendar (read by
 * those who meet deadlines, changed by staff), the figures (a department account reads its own department's only:
 * never the other department's id), the monthly review sheet and its meeting (staff write).
 */
import { cg, STAFF, type StagePart, type Who, type X } from '../security/authz-kit.ts';

const FIGURES: Who[] = ['sysadmin', 'admin', 'government', 'presidium', 'department', 'department2'];
const SHEET: Who[] = ['sysadmin', 'admin', 'government', 'presidium'];
const CALENDAR: Who[] = ['sysadmin', 'admin', 'government', 'presidium', 'department', 'department2', 'station'];

let year = 0;
let month = '';
let today = '';

async function build({ w, base, today: t, year: y, must }: Parameters<StagePart['build']>[0]) {
  year = y;
  today = t;
  month = t.slice(0, 7);
  const root = w.root;
  // An item with each department, so that the figures name both to staff (and only its own to each department).
  for (const d of ['d1', 'd2']) {
    const item = await must(root.post(`${base}/items`, { source: 'staff', category: 'urban', title: `路灯 ${d}`, content: '东街路灯坏了' }), `item ${d}`);
    await must(root.post(`${base}/items/${item.id}/assign`, { departmentId: w.ids[d], urgency: 'normal' }), `assign ${d}`);
  }
  await must(root.put(`${base}/calendar/days`, { day: `${y}-10-01`, kind: 'holiday', name: '国庆节' }), 'calendar day');
  await must(root.put(`${base}/review/meetings`, { month, heldOn: t, attendees: '主任会议', decisions: '超期事项列入重点督办' }), 'meeting');
  // Fresh calendar days to remove (one per allowed call): counted down from the end of the year after next.
  let n = 0;
  w.fresh.calendarDay = async () => {
    const d = new Date(Date.UTC(y + 2, 11, 31 - n++)).toISOString().slice(0, 10);
    await must(root.put(`${base}/calendar/days`, { day: d, kind: 'holiday', name: '试' }), 'fresh day');
    return d;
  };
}

const figures = (x: X, ext = '') => ({ path: `${cg(x)}/review/figures${ext}?year=${year}` });
const otherDepartment = (w: X['w']) => [w.ids.d2];
const firstDepartment = (w: X['w']) => [w.ids.d1];

export const part: StagePart = {
  build,
  table: {
    'GET /api/congresses/:congressId/calendar': { allow: CALENDAR, req: (x) => ({ path: `${cg(x)}/calendar?year=${year}` }) },
    'POST /api/congresses/:congressId/calendar/years/:year': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/calendar/years/${year + 1}`, body: `日期,类型,名称\n${year + 1}-01-01,休,元旦\n` }) },
    'PUT /api/congresses/:congressId/calendar/days': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/calendar/days`, body: { day: `${year}-10-02`, kind: 'holiday', name: '国庆节' } }) },
    'DELETE /api/congresses/:congressId/calendar/days/:day': {
      allow: STAFF,
      req: async (x) => ({ path: `${cg(x)}/calendar/days/${x.fresh ? await (x.w.fresh.calendarDay as () => Promise<string>)() : `${year}-10-01`}` }),
    },
    'GET /api/congresses/:congressId/review/figures': { allow: FIGURES, req: (x) => figures(x), hide: { department: otherDepartment, department2: firstDepartment } },
    'GET /api/congresses/:congressId/review/figures.csv': { allow: FIGURES, req: (x) => figures(x, '.csv') },
    'GET /api/congresses/:congressId/review/figures.xlsx': { allow: FIGURES, req: (x) => figures(x, '.xlsx') },
    'GET /api/congresses/:congressId/review/sheet': { allow: SHEET, req: (x) => ({ path: `${cg(x)}/review/sheet?month=${month}` }) },
    'PUT /api/congresses/:congressId/review/meetings': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/review/meetings`, body: { month, heldOn: today, attendees: '主任会议', decisions: '继续督办' } }) },
  },
};
