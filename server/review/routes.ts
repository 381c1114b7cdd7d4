/** The review stage's routes (shared/review/contract.ts): the official calendar, the figures (screen, CSV, xlsx), the monthly review sheet and meeting. */
import { type Context, Hono } from 'hono';
import * as C from '../../shared/review/contract.ts';
import { rolesPass } from '../../shared/permission.ts';
import { reviewPolicy } from '../../shared/review/policy.ts';
import { shanghaiToday, shanghaiYear } from '../../shared/time.ts';
import { reviewMeetings } from '../db/schema/index.ts';
import { actorOf, type CongressAccess } from '../lib/auth.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv } from '../lib/env.ts';
import { appendAudit } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';
import { calendarYear, removeDay, replaceYear, setDay } from './calendar.ts';
import { figuresCsv, figuresXlsx } from './export.ts';
import { figures } from './figures.ts';
import { meetingOut, reviewSheet } from './sheet.ts';

export const reviewRoutes = new Hono<AppEnv>();

/** Null for those who read every department's figures; else (a department account) its own departments. */
const ownDepartments = (a: CongressAccess) => (rolesPass(reviewPolicy['review.figures.all'], a.roles, a.auth.account.systemAdmin) ? null : a.departmentIds);

async function rawBody(c: Context<AppEnv>) {
  const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!(C.CALENDAR_FILE_TYPES as readonly string[]).includes(type)) throw new AppError('unsupported_media', { expected: 'text/csv' });
  return new Uint8Array(await c.req.arrayBuffer());
}

// ---- the official calendar ----
implement(reviewRoutes, C.getCalendar, async (c, { access: { congress }, query }) => calendarYear(c.get('deps').db, congress.id, query.year ?? shanghaiYear()));

implement(reviewRoutes, C.replaceCalendarYear, async (c, { access: { auth, congress }, params: { year } }) => replaceYear(c.get('deps').db, actorOf(auth), congress.id, year, await rawBody(c)));

implement(reviewRoutes, C.setCalendarDay, async (c, { access: { auth, congress }, body }) => setDay(c.get('deps').db, actorOf(auth), congress.id, body.day, body.kind, body.name));

implement(reviewRoutes, C.removeCalendarDay, async (c, { access: { auth, congress }, params: { day } }) => removeDay(c.get('deps').db, actorOf(auth), congress.id, day));

// ---- figures ----
const figuresFor = (c: Context<AppEnv>, access: CongressAccess, q: { year: number; departmentId?: string }) =>
  figures(c.get('deps').db, access.congress.id, q.year, { departmentId: q.departmentId, ownDepartments: ownDepartments(access) });

implement(reviewRoutes, C.getFigures, async (c, { access, query }) => figuresFor(c, access, query));

implement(reviewRoutes, C.getFiguresCsv, async (c, { access, query }) => {
  const f = await figuresFor(c, access, query);
  const name = `${f.congress.name}-${f.year}-意见建议统计${f.department ? `-${f.department.name}` : ''}.csv`;
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="figures-${f.year}.csv"; filename*=UTF-8''${encodeURIComponent(name)}`);
  return c.body(figuresCsv(f));
});

implement(reviewRoutes, C.getFiguresXlsx, async (c, { access, query }) => {
  const f = await figuresFor(c, access, query);
  const name = `${f.congress.name}-${f.year}-意见建议统计${f.department ? `-${f.department.name}` : ''}.xlsx`;
  c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  c.header('Content-Disposition', `attachment; filename="figures-${f.year}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`);
  c.header('X-Content-Type-Options', 'nosniff');
  return c.body(await figuresXlsx(f));
});

// ---- the monthly review sheet and meeting ----
implement(reviewRoutes, C.getSheet, async (c, { access: { congress }, query: { month } }) => reviewSheet(c.get('deps').db, congress.id, month));

implement(reviewRoutes, C.saveMeeting, async (c, { access: { auth, congress }, body }) => {
  const { month } = body;
  if (body.heldOn < `${month}-01`) throw new AppError('review_meeting_month', { month });
  if (body.heldOn > shanghaiToday()) throw new AppError('review_meeting_future');
  const row = await c.get('deps').db.transaction(async (tx) => {
    const values = { congressId: congress.id, month, heldOn: body.heldOn, attendees: body.attendees, decisions: body.decisions, updatedBy: auth.account.id, updatedAt: new Date() };
    const [row] = await tx
      .insert(reviewMeetings)
      .values(values)
      .onConflictDoUpdate({ target: [reviewMeetings.congressId, reviewMeetings.month], set: { heldOn: values.heldOn, attendees: values.attendees, decisions: values.decisions, updatedBy: values.updatedBy, updatedAt: values.updatedAt } })
      .returning();
    await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'review.meeting', targetType: 'review_meeting', targetId: row.id, details: { month, heldOn: body.heldOn } });
    return row;
  });
  return meetingOut(row);
});
