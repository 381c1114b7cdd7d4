/**
 * The city-scale generator (server/county/generate.ts) makes records the real routes read as their own: a published
 * vote verifies like any other (SPEC §10), its elected candidates are the projects, the public result and project
 * pages answer, the evaluation's grades follow the answers; the loop's items are counted. (The demo county itself is
 * tested at the end of tests/system/demo.test.ts, after the told township.)
 */
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/congress/settings.ts';
import { grade } from '../../shared/evaluation/rates.ts';
import { verifyFiles } from '../../shared/tally/verify.ts';
import { addDays, shanghaiToday, shanghaiYear } from '../../shared/time.ts';
import { generateItems, generateTownship, generateYear } from '../../server/county/generate.ts';
import { Client, setupAdmin, useTestApp } from '../helpers/app.ts';

const t = useTestApp();

describe('the city-scale generator', () => {
  it('makes a township’s years the real routes read: verified results, projects from the elected, graded rounds, items', async () => {
    const admin = await setupAdmin(t);
    const county = (await admin.post('/api/congresses', { name: '生成测试县人民代表大会', level: 'county', term: 18 })).body;
    const [me] = await t.database.query<{ id: string }>("select id from accounts where username = 'admin'");
    const [other] = await t.database.query<{ id: string }>("insert into accounts (id, username, display_name) values (gen_random_uuid()::text, 'gen-scrutineer', '监票人') returning id");
    const township = await generateTownship(t.deps.db, { name: '生成测试乡人民代表大会', parentId: county.id, representatives: 30 });
    const year = shanghaiYear();
    const today = shanghaiToday();
    const made = [];
    for (let y = year - 3; y <= year; y++) made.push(await generateYear(t.deps.db, { township, year: y, today, scrutineerIds: [other.id, me.id], seed: y, quality: 0.6 }));
    const items = await generateItems(t.deps.db, { township, fromYear: year - 3, toYear: year, count: 2000, today, seed: 1 });
    expect(items).toBe(2000);

    // The past years are whole: a published vote, its projects, a published round.
    for (const m of made.slice(0, 3)) {
      expect(m.voteId).not.toBeNull();
      expect(m.elected).toBeGreaterThan(0);
      expect(m.projects).toBe(m.elected);
      expect(m.roundId).not.toBeNull();
    }
    // The tree: the township is below the county.
    const below = (await admin.get(`/api/congresses/${county.id}/county/congresses`)).body;
    expect(below.items.map((b: { id: string }) => b.id)).toEqual([township.congressId]);

    // Every published tally verifies as `npm run verify` would, and its elected are the projects.
    const tallies = await t.database.query<{ vote_id: string; bulletin: string; result: string; year: number }>(
      'select t.vote_id, t.bulletin, t.result, l.year from tallies t join votes v on v.id = t.vote_id join candidate_lists l on l.id = v.list_id where v.congress_id = $1 and t.published_at is not null',
      [township.congressId],
    );
    expect(tallies.length).toBe(made.filter((m) => m.voteId).length);
    for (const x of tallies) {
      expect(await verifyFiles(x.bulletin, x.result)).toEqual({ kind: 'match' });
      const elected = (JSON.parse(x.result) as { elected: string[] }).elected;
      const projects = await t.database.query<{ candidate_id: string }>('select candidate_id from projects where vote_id = $1', [x.vote_id]);
      expect(projects.map((p) => p.candidate_id).sort()).toEqual([...elected].sort());
      const signoffs = await t.database.query<{ chief: boolean }>('select chief from tally_signoffs where vote_id = $1', [x.vote_id]);
      expect(signoffs.filter((s) => s.chief)).toHaveLength(1);
      expect(signoffs).toHaveLength(2);
      // One ballot per issued card, and the commitment is over the cards' ballot ids.
      const [c] = await t.database.query<{ cards: number; ballots: number }>('select (select count(*)::int from cards where vote_id = $1 and issued) as cards, (select count(*)::int from ballots where vote_id = $1) as ballots', [x.vote_id]);
      expect(c.cards).toBe(c.ballots);
    }

    // The real routes read them: the township's public results and a project page, the round's published results.
    const pub = new Client(t);
    const results = (await pub.get(`/api/public/congresses/${township.congressId}/results`)).body as { voteId: string }[];
    expect(results.length).toBe(tallies.length);
    expect((await pub.get(`/api/public/votes/${tallies[0].vote_id}/result`)).status).toBe(200);
    const rounds = await t.database.query<{ id: string; year: number }>('select id, year from eval_rounds where congress_id = $1 order by year', [township.congressId]);
    expect(rounds.map((r) => r.year)).toEqual([year - 3, year - 2, year - 1]);
    // Grades follow the answers by the congress's rule, and each 基本满意 / 不满意 has its rectification.
    for (const r of rounds) {
      const rows = await t.database.query<{ target_id: string; answer: string; n: number }>('select target_id, answer, count(*)::int as n from eval_answers where round_id = $1 group by 1, 2', [r.id]);
      const byTarget = new Map<string, Record<string, number>>();
      for (const x of rows) byTarget.set(x.target_id, { satisfied: 0, basic: 0, dissatisfied: 0, unknown: 0, ...byTarget.get(x.target_id), [x.answer]: Number(x.n) });
      const rects = await t.database.query<{ target_id: string; grade: string }>('select target_id, grade from rectifications where round_id = $1', [r.id]);
      for (const [target, counts] of byTarget) {
        const g = grade(counts as never, defaultSettings().evaluation.grading);
        expect(rects.find((x) => x.target_id === target)?.grade ?? 'satisfied').toBe(g);
      }
    }
    // Items: every one dated inside the years and not after today; the old ones closed, answers beside the answered.
    const [it1] = await t.database.query<{ n: number; first: string; last: string; open_old: number; answers: number; answered: number }>(
      `select count(*)::int as n, min(received_on)::text as first, max(received_on)::text as last,
         count(*) filter (where received_on < $2::date and status not in ('done', 'referred'))::int as open_old,
         (select count(*)::int from item_answers where congress_id = $1) as answers,
         count(*) filter (where answered_on is not null)::int as answered
       from items where congress_id = $1`,
      [township.congressId, addDays(today, -365)],
    );
    expect(it1).toMatchObject({ n: 2000, open_old: 0 });
    expect(it1.first >= `${year - 3}-01-01`).toBe(true);
    expect(it1.last <= today).toBe(true);
    expect(Number(it1.answers)).toBe(Number(it1.answered));
    // Each item's first answer day is kept beside it (the trigger of migration 0024), also when an answer's day changes.
    const kept = "select count(*)::int as n from items i where i.congress_id = $1 and i.first_answered_on is distinct from (select min(a.answered_on) from item_answers a where a.item_id = i.id)";
    expect(Number((await t.database.query<{ n: number }>(kept, [township.congressId]))[0].n)).toBe(0);
    await t.database.query("update item_answers set answered_on = answered_on - 1 where congress_id = $1 and item_id in (select id from items where congress_id = $1 and answered_on is not null limit 5)", [township.congressId]);
    await t.database.query("delete from item_answers where congress_id = $1 and item_id in (select id from items where congress_id = $1 and answered_on is not null offset 10 limit 5)", [township.congressId]);
    expect(Number((await t.database.query<{ n: number }>(kept, [township.congressId]))[0].n)).toBe(0);
  }, 120_000);
});
