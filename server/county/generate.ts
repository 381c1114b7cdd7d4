/**
 * City-scale data (SPEC §9, §16): a township's years made in bulk — the same tables and columns the real flows write,
 * in a fraction of the time. Used by the bench (a city of 200 congresses, ten years, a million items) and by the demo
 * county (two lighter townships beside the told one).
 *
 * Kept honest: a year's collection window with its proposals; the accepted ones as candidates on a frozen list; the
 * session and its vote (cards with their published commitment, one ballot per issued card, a random receipt each);
 * the tally's bulletin and result built by the same pure functions and byte layout as `server/tally/build.ts`, signed
 * off by two scrutineers (the chief among them) and published; each elected candidate a project (the columns
 * `projectsFromElected` writes), with milestones, money spent and completion; a published evaluation round over the
 * projects whose answers grade them by the congress's rule (and a rectification where the grade asks for one); the
 * year-round loop's items (and their answers) in every state by their age. The current year stops where today is.
 * What it does not make: audit entries (the hash chain is written one entry at a time by the real flows), attendance
 * rows, attachments, comments.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type CongressSettings, defaultSettings } from '../../shared/congress/settings.ts';
import { DEFAULT_ITEMS } from '../../shared/evaluation/questionnaire.ts';
import { grade, rectificationFor, type Counts } from '../../shared/evaluation/rates.ts';
import { BULLETIN_FORMAT, type Bulletin, type Result } from '../../shared/tally/format.ts';
import { bulletinDigests, sha256Text, sortBallots, tally } from '../../shared/tally/tally.ts';
import { addDays } from '../../shared/time.ts';
import type { DbOrTx } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';
import { newBallotId, newReceipt, serialOf } from '../ballot/tokens.ts';
import { bulletinText, resultText } from '../tally/build.ts';

/** A small deterministic generator (mulberry32): the same seed makes the same city. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const exec = (db: DbOrTx, q: ReturnType<typeof sql>) => db.execute(q);
const json = (x: unknown) => JSON.stringify(x);
/** A text[] parameter (drizzle would spread a JS array into a row): ids and names here never hold a comma. */
const arr = (xs: readonly string[]) => sql`string_to_array(${xs.join(',')}, ',')`;
const PROPOSAL_CATEGORIES = ['education', 'transport', 'water', 'health', 'elderly_care', 'environment', 'culture', 'other'] as const;
const WORKS = ['道路硬化', '饮水提质', '路灯安装', '卫生室改造', '养老服务站', '污水管网', '文化广场', '校舍维修', '桥梁加固', '农贸市场改造', '停车场', '河道清淤'];
const DEPARTMENT_NAMES = ['党政办', '社会事务办', '建设管理办', '农业农村办', '卫生院', '水务站'];

export type Township = { congressId: string; departmentIds: string[]; representatives: number };

/** A township (or street) congress below `parentId`, with its departments and representatives, ready for its years. */
export async function generateTownship(db: DbOrTx, o: { name: string; parentId: string | null; level?: 'township' | 'street'; representatives?: number; settings?: CongressSettings }): Promise<Township> {
  const reps = o.representatives ?? 40;
  const settings = o.settings ?? defaultSettings();
  const [c] = await rowsOf<{ id: string }>(db, sql`insert into congresses (id, name, level, term, settings, parent_id) values (gen_random_uuid()::text, ${o.name}, ${o.level ?? 'township'}, 18, ${json(settings)}::jsonb, ${o.parentId}) returning id`);
  const deps = await rowsOf<{ id: string }>(
    db,
    sql`insert into departments (id, congress_id, name, kind) select gen_random_uuid()::text, ${c.id}, n, 'township' from unnest(${arr(DEPARTMENT_NAMES)}) with ordinality as d(n, i) order by i returning id`,
  );
  await exec(
    db,
    sql`insert into representatives (id, congress_id, name, gender, delegation, constituency, phone)
        select gen_random_uuid()::text, ${c.id}, '代表' || g, case when g % 3 = 1 then 'female' else 'male' end, '第' || (1 + g % 5) || '代表小组', '第' || (1 + g % 9) || '选区', '138' || lpad(g::text, 8, '0')
        from generate_series(1, ${reps}) g`,
  );
  return { congressId: c.id, departmentIds: deps.map((d) => d.id), representatives: reps };
}

export type YearOptions = {
  township: Township;
  year: number;
  /** Today (Asia/Shanghai, YYYY-MM-DD): a year after it is not made; the current one stops where today is. */
  today: string;
  /** Two distinct accounts that sign the tally (the first as chief scrutineer) and publish it. */
  scrutineerIds: [string, string];
  seed: number;
  /** How good this township is at its projects this year (0 poor … 1 good): spreads the figures between townships. */
  quality?: number;
};

export type YearMade = { proposals: number; candidates: number; voteId: string | null; elected: number; projects: number; roundId: string | null; grades: Record<string, number> };

/** One township-year (everything but the loop's items: `generateItems`). */
export async function generateYear(db: DbOrTx, o: YearOptions): Promise<YearMade> {
  const r = rng(o.seed);
  const q = o.quality ?? 0.5 + r() * 0.5;
  const { congressId, departmentIds } = o.township;
  const y = o.year;
  const made: YearMade = { proposals: 0, candidates: 0, voteId: null, elected: 0, projects: 0, roundId: null, grades: {} };
  // The collection window: last autumn.
  const opens = `${y - 1}-09-01`;
  const closes = `${y - 1}-10-31`;
  if (o.today < opens) return made;
  const [w] = await rowsOf<{ id: string }>(db, sql`insert into collection_windows (id, congress_id, year, opens_on, closes_on, created_at) values (gen_random_uuid()::text, ${congressId}, ${y}, ${opens}, ${closes}, ${opens}::date) returning id`);
  const windowOver = o.today > closes;
  const nProposals = 10 + Math.floor(r() * 8);
  const nCandidates = windowOver ? 6 + Math.floor(r() * 3) : 0;
  const tag = createHash('sha256').update(`${congressId}/${y}`).digest('hex').slice(0, 8).toUpperCase();
  const proposals = Array.from({ length: nProposals }, (_, i) => ({
    code: `G${tag}${String(i + 1).padStart(3, '0')}`,
    title: `${WORKS[(i + o.seed) % WORKS.length]}（${i + 1}）`,
    category: PROPOSAL_CATEGORIES[(i + o.seed) % PROPOSAL_CATEGORIES.length],
    channel: (['resident_online', 'liaison_station', 'representative', 'hotline_12345'] as const)[i % 4],
    status: !windowOver ? 'submitted' : i < nCandidates ? 'accepted' : i % 3 === 0 ? 'reserved' : 'not_adopted',
    day: addDays(opens, Math.floor(((i + 0.5) / nProposals) * 60)),
    investment: (50 + Math.floor(r() * 450)) * 10000,
  }));
  const prop = await rowsOf<{ id: string; code: string }>(
    db,
    sql`insert into proposals (id, congress_id, window_id, year, tracking_code, title, description, category, location, estimated_investment, channel, status, screened_at, created_at)
        select gen_random_uuid()::text, ${congressId}, ${w.id}, ${y}, x.code, x.title, '群众反映：' || x.title || '，请求解决。', x.category, '第' || x.n || '村', x.investment, x.channel, x.status,
          case when x.status <> 'submitted' then ${closes}::date + 10 end, x.day::date
        from jsonb_to_recordset(${json(proposals.map((p, i) => ({ ...p, n: i + 1 })))}::jsonb) as x(code text, title text, category text, channel text, status text, day text, investment numeric, n int)
        returning id, tracking_code as code`,
  );
  made.proposals = prop.length;
  if (!nCandidates) return made;
  const byCode = new Map(prop.map((p) => [p.code, p.id]));
  const cands = proposals.slice(0, nCandidates).map((p, i) => ({
    proposalId: byCode.get(p.code)!,
    title: `${p.title}工程`,
    dept: departmentIds[i % departmentIds.length],
    investment: p.investment,
    completion: `${y}-${String(9 + (i % 4)).padStart(2, '0')}-30`,
  }));
  const candRows = await rowsOf<{ id: string; proposal_id: string }>(
    db,
    sql`insert into candidates (id, congress_id, year, proposal_id, title, content, lead_department_id, planned_investment, funding_source, planned_completion, expected_outcome, created_at, updated_at)
        select gen_random_uuid()::text, ${congressId}, ${y}, x.pid, x.title, '实施' || x.title, x.dept, x.investment, '镇财政与上级补助', x.completion::date, '群众受益', ${closes}::date + 10, ${closes}::date + 10
        from jsonb_to_recordset(${json(cands.map((c) => ({ pid: c.proposalId, title: c.title, dept: c.dept, investment: c.investment, completion: c.completion })))}::jsonb) as x(pid text, title text, dept text, investment numeric, completion text)
        returning id, proposal_id`,
  );
  const candIdOf = new Map(candRows.map((c) => [c.proposal_id, c.id]));
  const candidateIds = cands.map((c) => candIdOf.get(c.proposalId)!);
  made.candidates = candidateIds.length;
  const seats = Math.min(5, candidateIds.length - 1);
  const frozenOn = `${y - 1}-12-15`;
  const frozen = o.today >= frozenOn;
  const [list] = await rowsOf<{ id: string }>(
    db,
    sql`insert into candidate_lists (id, congress_id, year, title, seats, frozen_at, frozen_by, created_at) values (gen_random_uuid()::text, ${congressId}, ${y}, ${`${y}年民生实事候选项目`}, ${seats}, ${frozen ? sql`${frozenOn}::timestamptz` : null}, ${frozen ? o.scrutineerIds[0] : null}, ${addDays(closes, 20)}::date) returning id`,
  );
  await exec(db, sql`insert into candidate_list_items (list_id, candidate_id, position) select ${list.id}, c, i::int from unnest(${arr(candidateIds)}) with ordinality as u(c, i)`);
  const sessionOn = `${y}-01-15`;
  if (o.today <= sessionOn || !frozen) return made;

  // The session and its vote: every seated representative but a few present, a card each, every card cast.
  const settings = defaultSettings();
  const seated = o.township.representatives;
  const present = seated - 1 - Math.floor(r() * 3);
  const [session] = await rowsOf<{ id: string }>(db, sql`insert into congress_sessions (id, congress_id, name, date, created_at) values (gen_random_uuid()::text, ${congressId}, ${`第十八届人民代表大会第${y - 2020}次会议`}, ${sessionOn}, ${addDays(sessionOn, -10)}::date) returning id`);
  const cardRows = Array.from({ length: present }, () => {
    const ballotId = newBallotId();
    return { id: crypto.randomUUID(), ballotId, serial: serialOf(ballotId) };
  });
  const commitment = createHash('sha256').update(JSON.stringify(cardRows.map((c) => c.ballotId).sort())).digest('hex');
  const th = settings.vote.threshold;
  const at = (h: string) => `${sessionOn}T${h}:00+08:00`;
  const [vote] = await rowsOf<{ id: string }>(
    db,
    sql`insert into votes (id, congress_id, session_id, list_id, title, seats, mark_mode, max_for, threshold_base, threshold_numerator, threshold_denominator, threshold_strict, spare_cards, issuance_mode, cards_commitment, cards_generated_at, opened_at, closed_at, open_seated, open_present, close_seated, close_present, created_at)
        values (gen_random_uuid()::text, ${congressId}, ${session.id}, ${list.id}, ${`${y}年民生实事项目票决`}, ${seats}, 'for_against_abstain', ${seats}, ${th.base}, ${th.numerator}, ${th.denominator}, ${th.strict}, 0, 'scan',
          ${commitment}, ${at('08:30')}::timestamptz, ${at('09:30')}::timestamptz, ${at('09:45')}::timestamptz, ${seated}, ${present}, ${seated}, ${present}, ${at('08:00')}::timestamptz) returning id`,
  );
  made.voteId = vote.id;
  // Marks: each candidate has its own support; at most `seats` 赞成 on a card (a few cards over-marked: 废票).
  const support = candidateIds.map((_, j) => 0.85 - (j * 0.5) / candidateIds.length + (r() - 0.5) * 0.1);
  const ballots = cardRows.map((card, i) => {
    const marks: Record<string, 'for' | 'against'> = {};
    let fors = 0;
    candidateIds.forEach((id, j) => {
      const x = r();
      if (x < support[j] && (fors < seats || i === 3)) {
        marks[id] = 'for';
        fors++;
      } else if (x > 0.93) marks[id] = 'against';
    });
    return { id: crypto.randomUUID(), cardId: card.id, marks, receipt: newReceipt() };
  });
  await exec(
    db,
    sql`insert into cards (id, vote_id, ballot_id, serial, issued) select x.id, ${vote.id}, x.b, x.s, true from jsonb_to_recordset(${json(cardRows.map((c) => ({ id: c.id, b: c.ballotId, s: c.serial })))}::jsonb) as x(id text, b text, s text)`,
  );
  await exec(
    db,
    sql`insert into ballots (id, vote_id, card_id, marks, receipt, paper) select x.id, ${vote.id}, x.card, x.marks, x.receipt, false from jsonb_to_recordset(${json(ballots.map((b) => ({ id: b.id, card: b.cardId, marks: b.marks, receipt: b.receipt })))}::jsonb) as x(id text, card text, marks jsonb, receipt text)`,
  );
  // The tally exactly as server/tally/build.ts writes it (format /1: a vote without motions).
  const titles = await rowsOf<{ id: string; title: string }>(db, sql`select id, title from candidates where id = any(${arr(candidateIds)})`);
  const titleOf = new Map(titles.map((t) => [t.id, t.title]));
  const bulletin: Bulletin = {
    format: BULLETIN_FORMAT,
    vote: {
      id: vote.id,
      title: `${y}年民生实事项目票决`,
      seats,
      markMode: 'for_against_abstain',
      maxFor: seats,
      threshold: { base: th.base, numerator: th.numerator, denominator: th.denominator, strict: th.strict },
      candidates: candidateIds.map((id) => ({ id, title: titleOf.get(id)! })),
    },
    counts: { seated, present, issued: present },
    receipts: ballots.map((b) => b.receipt).sort(),
    ballots: sortBallots(ballots.map((b) => Object.fromEntries(candidateIds.filter((id) => b.marks[id]).map((id) => [id, b.marks[id]])))),
  };
  const result: Result = { ...tally(bulletin), digests: await bulletinDigests(bulletin), cardsCommitment: commitment };
  const rText = resultText(result);
  const published = at('10:30');
  await exec(
    db,
    sql`insert into tallies (vote_id, bulletin, result, result_digest, prepared_at, prepared_by) values (${vote.id}, ${bulletinText(bulletin)}, ${rText}, ${await sha256Text(rText)}, ${at('10:00')}::timestamptz, ${o.scrutineerIds[0]})`,
  );
  await exec(
    db,
    sql`insert into tally_signoffs (id, vote_id, account_id, chief, invalid_checked, signed_at) values
        (gen_random_uuid()::text, ${vote.id}, ${o.scrutineerIds[0]}, true, true, ${at('10:10')}::timestamptz),
        (gen_random_uuid()::text, ${vote.id}, ${o.scrutineerIds[1]}, false, false, ${at('10:15')}::timestamptz)`,
  );
  // Published as publishTally does it, after the sign-offs (from then on the database refuses any change).
  await exec(db, sql`update tallies set published_at = ${published}::timestamptz, published_by = ${o.scrutineerIds[1]} where vote_id = ${vote.id}`);
  made.elected = result.void ? 0 : result.elected.length;
  if (!made.elected) return made;

  // Each elected candidate a project (as projectsFromElected makes it), carried out through the year.
  const yearOver = o.today > `${y}-12-31`;
  const projects = result.elected.map((cid) => {
    const c = cands[candidateIds.indexOf(cid)];
    const late = r() > q * 0.9 + 0.1;
    const doneOn = addDays(c.completion, late ? 15 + Math.floor(r() * 60) : -Math.floor(r() * 40));
    const completed = doneOn <= o.today;
    const progress = completed ? 100 : Math.max(0, Math.min(95, Math.round(((Date.parse(o.today) - Date.parse(sessionOn)) / (Date.parse(doneOn) - Date.parse(sessionOn))) * 100)));
    return { cid, completed, doneOn, progress, spent: Math.round((c.investment * (completed ? 0.9 + r() * 0.15 : progress / 110)) / 100) * 100, yearOver };
  });
  const projRows = await rowsOf<{ id: string; candidate_id: string }>(
    db,
    sql`insert into projects (id, congress_id, year, candidate_id, vote_id, title, content, lead_department_id, co_department_ids, planned_investment, spent_investment, funding_source, planned_completion, expected_outcome, status, completed_on, reported_progress, created_at, updated_at)
        select gen_random_uuid()::text, ${congressId}, ${y}, c.id, ${vote.id}, c.title, c.content, c.lead_department_id, c.co_department_ids, c.planned_investment, x.spent, c.funding_source, c.planned_completion, c.expected_outcome,
          case when x.completed then 'completed' else 'active' end, case when x.completed then x.done_on::date end, x.progress, ${published}::timestamptz, ${published}::timestamptz
        from jsonb_to_recordset(${json(projects.map((p) => ({ cid: p.cid, completed: p.completed, done_on: p.doneOn, progress: p.progress, spent: p.spent })))}::jsonb) as x(cid text, completed boolean, done_on text, progress int, spent numeric)
        join candidates c on c.id = x.cid
        returning id, candidate_id`,
  );
  made.projects = projRows.length;
  const projOf = new Map(projRows.map((p) => [p.candidate_id, p.id]));
  // Milestones: 开工, 主体完工, 验收 — done when their date is past (late projects' last one with it).
  const ms = projects.flatMap((p) => {
    const c = cands[candidateIds.indexOf(p.cid)];
    const plan = [addDays(sessionOn, 60), addDays(c.completion, -60), c.completion];
    return plan.map((d, k) => {
      const actual = k === 2 ? p.doneOn : addDays(d, Math.floor(r() * 10));
      const done = actual <= o.today;
      return { pid: projOf.get(p.cid)!, name: ['开工', '主体完工', '竣工验收'][k], planned: d, weight: [20, 50, 30][k], status: done ? 'done' : actual <= addDays(o.today, 30) ? 'in_progress' : 'pending', actual: done ? actual : null };
    });
  });
  await exec(
    db,
    sql`insert into milestones (id, project_id, name, planned_date, weight, status, actual_date, created_at)
        select gen_random_uuid()::text, x.pid, x.name, x.planned::date, x.weight, x.status, x.actual::date, ${published}::timestamptz
        from jsonb_to_recordset(${json(ms)}::jsonb) as x(pid text, name text, planned text, weight int, status text, actual text)`,
  );

  // The year's evaluation (at the year's end, published in January): the representatives grade each project.
  if (!yearOver || o.today < `${y + 1}-01-20`) return made;
  const items = DEFAULT_ITEMS.project.map((i) => ({ id: i.id, label: i.label, kind: i.kind }));
  const respondents = Math.max(settings.evaluation.kMin, present - 5 - Math.floor(r() * 8));
  const [round] = await rowsOf<{ id: string }>(
    db,
    sql`insert into eval_rounds (id, congress_id, year, title, kind, audiences, items, allow_unknown, issued_representatives, created_at, opened_at, closed_at, published_at)
        values (gen_random_uuid()::text, ${congressId}, ${y}, ${`${y}年民生实事项目满意度测评`}, 'regular', '["representatives"]'::jsonb, ${json({ project: items })}::jsonb, true, ${present},
          ${`${y}-12-20`}::timestamptz, ${`${y}-12-26T09:00:00+08:00`}::timestamptz, ${`${y}-12-31T17:00:00+08:00`}::timestamptz, ${`${y + 1}-01-08T10:00:00+08:00`}::timestamptz) returning id`,
  );
  made.roundId = round.id;
  const projectIds = projRows.map((p) => p.id);
  await exec(db, sql`insert into eval_targets (round_id, kind, target_id, position) select ${round.id}, 'project', t, (i - 1)::int from unnest(${arr(projectIds)}) with ordinality as u(t, i)`);
  // Counts per project and item (each respondent answers every item); the grade from the first item's … all items' sum.
  const answers: { t: string; i: string; a: string; n: number }[] = [];
  const rects: { t: string; dept: string; grade: string; re: boolean }[] = [];
  for (const p of projRows) {
    const proj = projects.find((x) => projOf.get(x.cid) === p.id)!;
    const good = Math.max(0.2, Math.min(0.95, q * 0.7 + (proj.completed && proj.doneOn <= cands[candidateIds.indexOf(proj.cid)].completion ? 0.3 : 0) - r() * 0.2));
    const total: Counts = { satisfied: 0, basic: 0, dissatisfied: 0, unknown: 0 };
    for (const it of items) {
      const unknown = Math.floor(r() * 2);
      const sat = Math.round((respondents - unknown) * good);
      const basic = Math.round((respondents - unknown - sat) * 0.7);
      const c: Counts = { satisfied: sat, basic, dissatisfied: respondents - unknown - sat - basic, unknown };
      for (const a of ['satisfied', 'basic', 'dissatisfied', 'unknown'] as const) {
        if (c[a]) answers.push({ t: p.id, i: it.id, a, n: c[a] });
        total[a] += c[a];
      }
    }
    const g = grade(total, settings.evaluation.grading);
    if (g) made.grades[g] = (made.grades[g] ?? 0) + 1;
    const rect = rectificationFor(g);
    if (rect.open) rects.push({ t: p.id, dept: cands[candidateIds.indexOf(proj.cid)].dept, grade: g!, re: rect.reevaluate });
  }
  await exec(
    db,
    sql`insert into eval_answers (id, round_id, audience, target_kind, target_id, item_id, answer)
        select gen_random_uuid()::text, ${round.id}, 'representatives', 'project', x.t, x.i, x.a
        from jsonb_to_recordset(${json(answers)}::jsonb) as x(t text, i text, a text, n int) cross join generate_series(1, x.n)`,
  );
  // Codes spent: one per respondent (the hash of a code that is never printed again; nothing names a person).
  await exec(
    db,
    sql`insert into eval_spent (code_hash, round_id, audience) select encode(sha256(convert_to(${round.id} || ':' || g, 'UTF8')), 'hex'), ${round.id}, 'representatives' from generate_series(1, ${respondents}) g`,
  );
  if (rects.length) {
    const deadline = `${y + 1}-03-31`;
    const reported = o.today > deadline;
    await exec(
      db,
      sql`insert into rectifications (id, congress_id, round_id, target_kind, target_id, department_id, grade, requires_reevaluation, deadline, state, report, reported_at, created_at)
          select gen_random_uuid()::text, ${congressId}, ${round.id}, 'project', x.t, x.dept, x.grade, x.re, ${deadline}::date, ${reported ? 'accepted' : 'open'}, ${reported ? '已按要求整改。' : ''}, ${reported ? sql`${`${y + 1}-03-20`}::timestamptz` : null}, ${`${y + 1}-01-08T10:00:00+08:00`}::timestamptz
          from jsonb_to_recordset(${json(rects)}::jsonb) as x(t text, dept text, grade text, re boolean)`,
    );
  }
  return made;
}

/**
 * The loop's items of a township over whole years (`fromYear`…`toYear`, none after today), with their answers: older than
 * a year closed (done, some referred); the last year's in every state (most still with a department past due).
 * Spread evenly over the days; one statement each for items and answers.
 */
export async function generateItems(db: DbOrTx, o: { township: Township; fromYear: number; toYear: number; count: number; today: string; seed: number; stationIds?: string[] }): Promise<number> {
  const { congressId, departmentIds } = o.township;
  const first = `${o.fromYear}-01-01`;
  const lastDay = `${o.toYear}-12-31` < o.today ? `${o.toYear}-12-31` : o.today;
  const days = Math.max(1, Math.round((Date.parse(lastDay) - Date.parse(first)) / 86_400_000) + 1);
  const prefix = `I${createHash('sha256').update(`${congressId}/${o.fromYear}/${o.seed}`).digest('hex').slice(0, 6).toUpperCase()}`;
  const stations = o.stationIds ?? [];
  const yearAgo = addDays(o.today, -365);
  await exec(
    db,
    sql`insert into items (id, congress_id, tracking_code, source, category, title, content, received_on, station_id, department_id, status, round, urgency, due_on, answer_class, answered_on, closed_on, feedback, feedback_round, assigned_on, created_at, updated_at)
      select gen_random_uuid()::text, ${congressId}, ${prefix} || lpad(g::text, 7, '0'),
        (array['reception','representative','resident','hotline','inspection','staff'])[1 + g % 6],
        (array['social','science_education','rural','urban','ecology','other'])[1 + (g / 7) % 6],
        '群众反映事项 ' || g, '内容', d.day,
        case when g % 3 = 0 and ${stations.length} > 0 then (${arr(stations)})[1 + g % greatest(${stations.length}, 1)] end,
        case when st.s <> 'received' then (${arr(departmentIds)})[1 + g % ${departmentIds.length}] end,
        st.s, case when g % 97 = 0 then 2 else 1 end, 'normal',
        case when st.s <> 'received' then d.day + 21 end,
        case when st.s in ('answered', 'done') then (array['resolved','in_progress','planned','cannot'])[1 + (g / 3) % 4] end,
        case when st.s in ('answered', 'done') then least(d.day + 5 + g % 25, ${o.today}::date) end,
        case when st.s in ('done', 'referred') then least(d.day + 8 + g % 30, ${o.today}::date) end,
        case when st.s = 'done' and g % 4 <> 0 then (array['satisfied','basically','unsatisfied'])[1 + (g / 5) % 3] end,
        case when st.s = 'done' and g % 4 <> 0 then 1 end,
        case when st.s <> 'received' then d.day + 1 end,
        d.day::timestamptz, d.day::timestamptz
      from generate_series(1, ${o.count}) g
      cross join lateral (select (${first}::date + ((g::bigint * ${days}) / ${o.count + 1})::int) as day) d
      cross join lateral (select case
        when d.day < ${yearAgo}::date then (case when g % 10 = 9 then 'referred' else 'done' end)
        when d.day > ${o.today}::date - 3 then 'received'
        else (array['received','assigned','answered','done','done','done','done','done','referred','assigned'])[1 + g % 10] end as s) st`,
  );
  await exec(
    db,
    sql`insert into item_answers (id, congress_id, item_id, round, department_id, answer_class, text, answered_on, decision)
        select gen_random_uuid()::text, congress_id, id, round, department_id, answer_class, '已答复', answered_on, case when status = 'done' then 'accepted' end
        from items where congress_id = ${congressId} and answered_on is not null and received_on between ${first}::date and ${lastDay}::date`,
  );
  return o.count;
}
