/**
 * Secrecy audit (issue 9, design §12): the real server as its own process (so its log is what it really writes), on
 * PGlite (a data dir, as the embedded deployment runs) and on PostgreSQL. A whole vote (cast on tablets in an order
 * only this test knows, three tablets retrying; closed, tallied, signed, published) and an evaluation round answered
 * by residents with printed codes and by representatives who signed in with their delegate cards and were given a
 * code by the system (`my-code`: the one path where an identified person gets a code), arrivals mixed at random.
 * Then, with the server stopped, every table of every schema and every line of the log is read, and the test fails
 *  - if any table holds a card id, a ballot id, a card or code serial, a code id or its hash, a ballot's or answer's
 *    row id, a receipt, a retry secret or its hash, a comment, an address or a user agent outside the tables allowed
 *    to hold it (a new `cast_log(card_id, at)` would be found here);
 *  - if any table that holds or references cards, ballots, codes or answers has a time, a person or an order column,
 *    an identity column or a sequence/clock default;
 *  - if any table's rows, ordered by any of its columns or by their place on disk, follow the order of arrival
 *    (Kendall's tau, for every table that holds rows of the casts and answers: a serial, a time-ordered id such as
 *    UUIDv7 or a counter prefix, or storage left in arrival order would be found here);
 *  - if anything stored ties a representative's account to the code they were given or to their answers;
 *  - if a log line holds a token, an id of the above, a receipt, a code, a comment, an address or an agent.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { codeHash } from '../../server/evaluation/codes.ts';
import { Client, PASSWORD, useTestApp } from '../helpers/app.ts';
import { serverOn, type ServerOn } from '../reliability/server-process.ts';
import { hall, marksOf } from '../tally/helpers.ts';
import { shanghaiToday, shanghaiYear } from '../../shared/time.ts';

const t = useTestApp();
let s: ServerOn | null = null;
afterAll(async () => void (await s?.dispose()));

const N = 40; // ballots, and residents' codes
const R = 8; // representatives answering with the code the system gave them
const ua = (i: number) => `SecretTablet/${i} (UA-MARK-${i})`;
const ip = (i: number) => `203.0.113.${i + 1}`;
/**
 * |tau| at or above this, over n rows, is an order that follows arrival: five times the spread of tau between
 * unrelated orders (0.55 for 40 rows, 0.5 for 48, at least 0.3), for some thirty orders measured. A serial, a
 * time-ordered id or rows left in arrival order come out near 1 (the answer rows, labelled by quarter: about 0.87).
 */
const ordered = (n: number) => Math.max(0.3, 5 * Math.sqrt((2 * (2 * n + 5)) / (9 * n * (n - 1))));

function shuffled<T>(xs: T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** Kendall's tau-b between two rankings with ties (1 = the same order, −1 = reversed, ~0 = unrelated); null if either is constant. */
function tauB(x: number[], y: number[]): number | null {
  let c = 0;
  let d = 0;
  let tx = 0;
  let ty = 0;
  for (let i = 0; i < x.length; i++)
    for (let j = i + 1; j < x.length; j++) {
      const dx = Math.sign(x[i] - x[j]);
      const dy = Math.sign(y[i] - y[j]);
      if (dx === 0 && dy === 0) continue;
      if (dx === 0) tx++;
      else if (dy === 0) ty++;
      else if (dx === dy) c++;
      else d++;
    }
  const denom = Math.sqrt((c + d + ty) * (c + d + tx));
  return denom ? (c - d) / denom : null;
}

const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, string>;
const sha = (x: string) => createHash('sha256').update(x).digest('hex');
/** The words of a stored row: what an id, hash, receipt or serial would be found as. */
const wordsOf = (text: string) => new Set(text.split(/[^A-Za-z0-9_-]+/).filter((w) => w.length >= 8));

describe('secrecy audit of the database and the log (the server as its own process, on PGlite and on PostgreSQL)', () => {
  it('finds no link from a person, address or device to a ballot or an answer, and no order of arrival', { timeout: 240_000 }, async () => {
    s = await serverOn(t, { TRUST_PROXY: '1' });
    const r = s.r;
    /** Cast or submit as a distinct device: its own address and user agent (which must end up nowhere). */
    const send = async (client: Client, path: string, body: unknown, i: number) => client.request('POST', path, body, { 'user-agent': ua(i), 'x-forwarded-for': ip(i) });

    // ── The vote ───────────────────────────────────────────────────────────────────────────────────────────────
    const h = await hall(r, { seated: N, titles: ['桥梁', '广场', '学校', '公园'] });
    // A sitting (表决事项单): the project list and a motion (议题) on one card, so `motions` has rows to audit too.
    const motion = (await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/motions`, { kind: 'agenda' })).body;
    expect(motion.id).toBeTruthy();
    const v = (await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { listId: h.listId, motionIds: [motion.id], listPosition: 1, title: '票决', spareCards: 0 })).body;
    expect(v.questions).toHaveLength(2);
    const path = `${h.base}/sessions/${h.sessionId}/votes/${v.id}`;
    await h.roles.scrutineer.post(`${path}/cards`, { spareCards: 0 });
    // Cast in an order of this test's own (not the serial order the cards are listed in, nor the order they were made).
    const tokens = shuffled(((await h.roles.scrutineer.get(`${path}/cards`)).body.cards as { url: string }[]).map((c) => c.url.split('#')[1]));
    await h.roles.scrutineer.post(`${path}/issue-count`, { count: tokens.length });
    await h.roles.presidium.post(`${path}/open`, {});
    const receipts: string[] = [];
    // Each tablet's random retry secret, sent twice by three of them (the second a retry): only its hash may be stored.
    const retrySecrets = tokens.map(() => randomBytes(16).toString('base64url'));
    const casting = { from: Date.now(), to: 0 };
    for (const [i, token] of tokens.entries()) {
      const body = { token, marks: { ...marksOf(h.candidateIds, ['F-A-', '-FF-', 'A--F', 'FF--'][i % 4]), [motion.id]: (['for', 'against', 'abstain'] as const)[i % 3] }, retry: retrySecrets[i] };
      const res = await send(new Client(r), '/api/public/ballot/cast', body, i);
      expect(res.status, res.text).toBe(200);
      receipts.push(res.body.receipt);
      if (i < 3) expect((await send(new Client(r), '/api/public/ballot/cast', body, i)).body.receipt).toBe(res.body.receipt);
    }
    casting.to = Date.now();
    await h.roles.presidium.post(`${path}/close`, {});
    expect((await h.roles.scrutineer.post(`${path}/tally`, {})).status).toBe(201);
    await h.roles.scrutineer.post(`${path}/tally/signoff`, { chief: true, invalidChecked: true });
    await h.roles.scrutineer2.post(`${path}/tally/signoff`, { chief: false });
    expect((await h.roles.presidium.post(`${path}/tally/publish`, {})).status).toBe(200);

    // ── An evaluation round for residents and representatives ─────────────────────────────────────────────────────
    const admin = new Client(r);
    await admin.login('admin', PASSWORD);
    const year = shanghaiYear();
    const project = (await admin.post(`${h.base}/projects`, { year, title: '道路硬化', leadDepartmentId: h.department.id, coDepartmentIds: [], plannedInvestment: '100', fundingSource: '县财政', plannedCompletion: `${year}-12-31` })).body;
    // Besides the project and its department, an appointed official asked the other kinds of question: five points,
    // yes / no and a comment item (its text kept with the comments, under the same rules).
    const official = (await admin.post(`${h.base}/evaluation/officials`, { name: '李局长', post: '局长', departmentId: h.department.id })).body;
    const round = (
      await admin.post(`${h.base}/evaluation/rounds`, {
        year,
        title: '测评',
        audiences: ['representatives', 'residents'],
        projectIds: [project.id],
        targets: [{ kind: 'official', id: official.id }],
        items: {
          official: [
            { id: 'o1', label: '依法履职', kind: 'scale5' },
            { id: 'o2', label: '廉洁自律', kind: 'yes_no' },
            { id: 'o3', label: '意见', kind: 'comment' },
          ],
        },
      })
    ).body;
    expect(round.targets.map((x: { kind: string }) => x.kind)).toEqual(['project', 'department', 'official']);
    const rpath = `${h.base}/evaluation/rounds/${round.id}`;
    await admin.post(`${rpath}/open`, {});
    await admin.post(`${rpath}/codes`, { audience: 'residents', count: N });
    const slips = ((await admin.get(`${rpath}/codes?audience=residents`)).body as { url: string; serial: string }[]).map((x) => ({ token: x.url.split('#')[1], serial: x.serial }));
    const chosen = shuffled(((await admin.get(`${h.base}/representatives`)).body as { id: string }[]).map((x) => x.id)).slice(0, R);
    const delegateCards = (await admin.get(`${h.base}/roster/cards?ids=${chosen.join(',')}`)).body.cards as { id: string; url: string }[];
    expect(delegateCards).toHaveLength(R);
    // Who arrives when: residents with printed slips, in random order, and representatives (sign in with the card, get
    // a code, answer at once, as the web app does), one at a random place in each sixth of the arrivals (spread
    // evenly, so that which rows are the representatives' says nothing of the order). Every answer of the k-th
    // arrival is the grade of k's quarter, so the answer rows carry their arrival (coarsely) and nothing that names it.
    type Arrival = { slip: (typeof slips)[0] } | { card: (typeof delegateCards)[0] };
    const residents = shuffled(slips);
    const arrivals: Arrival[] = delegateCards.flatMap((card, b) => {
      const block: Arrival[] = residents.slice((b * N) / R, ((b + 1) * N) / R).map((slip) => ({ slip }));
      block.splice(Math.floor(Math.random() * (block.length + 1)), 0, { card });
      return block;
    });
    expect(arrivals).toHaveLength(N + R);
    const grades = ['satisfied', 'basic', 'dissatisfied', 'unknown'] as const;
    // The 5-point answer of each quarter (yes / no has two answers: it says the half, and is not measured below).
    const points = ['5', '4', '2', 'unknown'] as const;
    const quarter = (k: number) => Math.floor((4 * k) / arrivals.length);
    type Act = { codeId: string; serial: string; token: string; word: string; comment: string; itemWord: string; itemComment: string; rep?: { representativeId: string } };
    const evalActs: Act[] = [];
    const answering = { from: Date.now(), to: 0 };
    for (const [k, who] of arrivals.entries()) {
      const word = randomBytes(6).toString('hex'); // a random first word: the comments' text order is no arrival order
      const comment = `${word} 意见第${k}条`;
      const itemWord = randomBytes(6).toString('hex');
      const itemComment = `${itemWord} 对任命人员的意见第${k}条`;
      const byKind = (kind: string) => ({ satisfaction3: grades[quarter(k)], scale5: points[quarter(k)], yes_no: quarter(k) < 2 ? 'yes' : 'no', comment: itemComment })[kind]!;
      const answers = (round.targets as { kind: 'project' | 'department' | 'official'; id: string }[]).flatMap((tg) =>
        round.items[tg.kind].map((it: { id: string; kind: string }) => ({ targetKind: tg.kind, targetId: tg.id, itemId: it.id, answer: byKind(it.kind) })),
      );
      const client = new Client(r);
      let code: { token: string; serial: string };
      if ('slip' in who) code = who.slip;
      else {
        // The representative's own browser: signed in with the card, it sends the session cookie with the answer too.
        expect((await client.post('/api/auth/card-login', { token: who.card.url.split('#')[1] })).status).toBe(200);
        const mine = await client.post(`${rpath}/my-code`, {});
        expect(mine.status, mine.text).toBe(201);
        code = { token: mine.body.token, serial: mine.body.serial };
      }
      const sent = await send(client, '/api/public/evaluation/submit', { token: code.token, answers, comments: [{ targetKind: 'project', targetId: project.id, text: comment }] }, N + k);
      expect(sent.status, sent.text).toBe(200);
      evalActs.push({ codeId: payloadOf(code.token).c, serial: code.serial, token: code.token, word, comment, itemWord, itemComment, ...('card' in who ? { rep: { representativeId: who.card.id } } : {}) });
    }
    answering.to = Date.now();
    await admin.post(`${rpath}/close`, {});
    const db = await s.stop(); // the server is stopped; everything it logged is in the file
    const lines = await s.server.logs();

    // ── What was stored, read back ──────────────────────────────────────────────────────────────────────────────
    const cards = await db.query<{ id: string; ballot_id: string; serial: string }>('select id, ballot_id, serial from cards where vote_id = $1', [v.id]);
    const ballots = await db.query<{ id: string; card_id: string; receipt: string; retry_hash: string }>('select id, card_id, receipt, retry_hash from ballots where vote_id = $1', [v.id]);
    const codeRows = await db.query<{ id: string; code_id: string; serial: string }>('select id, code_id, serial from eval_codes where round_id = $1', [round.id]);
    const answerIds = (await db.query<{ id: string }>('select id from eval_answers where round_id = $1', [round.id])).map((x) => x.id);
    const commentRows = await db.query<{ id: string; text: string }>('select id, text from eval_comments where round_id = $1', [round.id]);
    expect(ballots).toHaveLength(N);
    expect(answerIds.length).toBeGreaterThanOrEqual(2 * (N + R));
    expect(commentRows).toHaveLength(2 * (N + R)); // the free comment and the comment item's text of each
    const cardByBallotId = new Map(cards.map((c) => [c.ballot_id, c]));
    const ballotByCard = new Map(ballots.map((b) => [b.card_id, b]));
    const codeRowOf = new Map(codeRows.map((c) => [c.code_id, c]));
    const commentIdOf = new Map(commentRows.map((c) => [c.text, c.id]));
    // Per cast and per answer, in order of arrival: everything that belongs to it alone.
    const castWords = tokens.map((token, i) => {
      const card = cardByBallotId.get(payloadOf(token).b)!;
      const ballot = ballotByCard.get(card.id)!;
      expect(ballot.receipt).toBe(receipts[i]);
      expect(ballot.retry_hash).toBe(sha(retrySecrets[i]));
      return { card: card.id, 'ballot id': card.ballot_id, 'card serial': card.serial, 'ballot row': ballot.id, receipt: ballot.receipt, 'retry secret': retrySecrets[i], 'retry hash': ballot.retry_hash };
    });
    const evalWords = evalActs.map((a) => ({
      'code id': a.codeId,
      'code serial': a.serial,
      'code hash': codeHash(a.codeId),
      ...(a.rep ? {} : { 'code row': codeRowOf.get(a.codeId)!.id }),
      'comment row': commentIdOf.get(a.comment)!,
      'comment word': a.word,
      'comment item row': commentIdOf.get(a.itemComment)!,
      'comment item word': a.itemWord,
    }));

    // 1. Every table, every row: the values of a cast or an answer only where they belong. Tables are listed from the
    //    catalogue, so a table added later is read too.
    const tables = (
      await db.query<{ table_schema: string; table_name: string }>(
        `select table_schema, table_name from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2`,
      )
    ).map((x) => ({ ...x, ref: `"${x.table_schema}"."${x.table_name}"`, name: x.table_schema === 'public' ? x.table_name : `${x.table_schema}.${x.table_name}` }));
    expect(tables.map((x) => x.name)).toEqual(expect.arrayContaining(['ballots', 'cards', 'eval_answers', 'eval_comments', 'eval_spent', 'eval_grants', 'rate_limits', 'audit_log', 'sessions']));
    const rowsOf = new Map<string, { ctid: string; j: string }[]>();
    for (const tb of tables) rowsOf.set(tb.name, await db.query<{ ctid: string; j: string }>(`select x.ctid::text as ctid, to_jsonb(x)::text as j from ${tb.ref} x`));
    const repActs = evalActs.filter((a) => a.rep);
    const kinds: { kind: string; values: string[]; allowed: string[] }[] = [
      { kind: 'a card id', values: castWords.map((w) => w.card), allowed: ['cards', 'ballots', 'paper_entries'] },
      { kind: 'a ballot id (the card token’s b)', values: castWords.map((w) => w['ballot id']), allowed: ['cards'] },
      { kind: 'a card serial', values: castWords.map((w) => w['card serial']), allowed: ['cards'] },
      { kind: 'a ballot row id', values: castWords.map((w) => w['ballot row']), allowed: ['ballots'] },
      { kind: 'a receipt', values: receipts, allowed: ['ballots', 'tallies'] }, // the published bulletin lists them sorted
      { kind: 'a retry secret', values: retrySecrets, allowed: [] },
      { kind: 'a retry secret’s hash', values: castWords.map((w) => w['retry hash']), allowed: ['ballots'] },
      { kind: 'a printed code id', values: evalActs.filter((a) => !a.rep).map((a) => a.codeId), allowed: ['eval_codes'] },
      { kind: 'a printed code serial', values: evalActs.filter((a) => !a.rep).map((a) => a.serial), allowed: ['eval_codes'] },
      { kind: 'a code row id', values: codeRows.map((c) => c.id), allowed: ['eval_codes'] },
      { kind: 'a code hash', values: evalWords.map((w) => w['code hash']), allowed: ['eval_spent'] },
      // A code the system gave a representative is stored nowhere: not its id, not its serial, not its token.
      { kind: 'a representative’s code id', values: repActs.map((a) => a.codeId), allowed: [] },
      { kind: 'a representative’s code serial', values: repActs.map((a) => a.serial), allowed: [] },
      { kind: 'a representative’s code token', values: repActs.flatMap((a) => a.token.split('.').slice(1)), allowed: [] },
      { kind: 'an answer row id', values: answerIds, allowed: ['eval_answers'] },
      { kind: 'a comment row id', values: commentRows.map((c) => c.id), allowed: ['eval_comments'] },
      { kind: 'a comment', values: evalActs.map((a) => a.word), allowed: ['eval_comments'] },
      { kind: 'a comment item’s text', values: evalActs.map((a) => a.itemWord), allowed: ['eval_comments'] },
      { kind: 'a user agent', values: Array.from({ length: N + arrivals.length }, (_, i) => `UA-MARK-${i})`), allowed: [] },
      { kind: 'an address', values: Array.from({ length: N + arrivals.length }, (_, i) => ip(i)), allowed: [] },
    ];
    const misplaced: string[] = [];
    for (const tb of tables) {
      const dump = rowsOf.get(tb.name)!.map((x) => x.j).join('\n');
      for (const k of kinds) if (!k.allowed.includes(tb.name) && k.values.some((x) => dump.includes(x))) misplaced.push(`${tb.name} holds ${k.kind}`);
    }
    expect(misplaced).toEqual([]);
    // The motions (议题) hold the question only: no column that could name a card, a ballot, a receipt or a person,
    // and none of the cast's values (above: every table, `motions` among them).
    expect(rowsOf.get('motions')!.length).toBeGreaterThan(0);
    const motionColumns = (await db.query<{ column_name: string }>(`select column_name from information_schema.columns where table_schema = 'public' and table_name = 'motions'`)).map((c) => c.column_name);
    expect(motionColumns.filter((c) => /card|ballot|receipt|retry|account|representative|user|agent|address|device|_by$/.test(c))).toEqual([]);
    // The published bulletin lists the receipts sorted, not as cast.
    const [tallyRow] = await db.query<{ bulletin: string }>('select bulletin from tallies where vote_id = $1', [v.id]);
    expect(JSON.parse(tallyRow.bulletin).receipts).toEqual([...receipts].sort());

    // 2. The tables that hold or reference cards, ballots, codes or answers have no column that could name a person,
    //    a device, a time or an order: no such name or type, no identity column, no sequence or clock default.
    const columns = await db.query<{ table_schema: string; table_name: string; column_name: string; data_type: string; column_default: string | null; is_identity: string }>(
      `select c.table_schema, c.table_name, c.column_name, c.data_type, c.column_default, c.is_identity
         from information_schema.columns c join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where t.table_type = 'BASE TABLE' and c.table_schema not in ('pg_catalog', 'information_schema')`,
    );
    const references = await db.query<{ from_table: string; to_table: string }>(
      `select cl.relname as from_table, rf.relname as to_table from pg_constraint k join pg_class cl on cl.oid = k.conrelid join pg_class rf on rf.oid = k.confrelid where k.contype = 'f'`,
    );
    const core = ['cards', 'ballots', 'eval_codes', 'eval_spent', 'eval_answers', 'eval_comments'];
    const secretTables = new Set([
      ...core,
      ...references.filter((x) => core.includes(x.to_table)).map((x) => x.from_table),
      ...columns.filter((c) => /^(card_id|ballot_id|code_id|code_hash|receipt|retry_hash|answer_id|comment_id)$/.test(c.column_name)).map((c) => c.table_name),
    ]);
    expect(secretTables).toEqual(new Set([...core, 'paper_entries']));
    // The one exception: a paper ballot is keyed in after the close by two counters, each entry naming its counter
    // (two different counters must agree) — the counter, not the voter.
    const exempt = new Set(['paper_entries.entered_by']);
    const leaks: string[] = [];
    for (const c of columns.filter((x) => secretTables.has(x.table_name) && !exempt.has(`${x.table_name}.${x.column_name}`))) {
      const at = `${c.table_name}.${c.column_name}`;
      if (/timestamp|date|time|interval/.test(c.data_type)) leaks.push(`${at} is a ${c.data_type}`);
      if (/(^|_)(account|accounts|representative|person|user|ip|address|agent|device|session|created|updated|seq|sequence|position|ordinal|at|time|ts|by)(_|$)/.test(c.column_name)) leaks.push(`${at} names a person, device, time or order`);
      if (c.is_identity === 'YES') leaks.push(`${at} is an identity column`);
      if (/nextval|now\(|current_timestamp|clock_timestamp|statement_timestamp|transaction_timestamp|localtime|uuid_generate_v1|uuidv7|txid|xact/i.test(c.column_default ?? '')) leaks.push(`${at} defaults to ${c.column_default}`);
    }
    expect(leaks).toEqual([]);
    // No sequence or identity column anywhere but drizzle's own list of applied migrations: an order kept on the side
    // (a serial in a new table beside a hash of the card) would be found here.
    expect((await db.query<{ s: string }>(`select schemaname || '.' || sequencename as s from pg_sequences`)).map((x) => x.s)).toEqual(['drizzle.__drizzle_migrations_id_seq']);
    expect(columns.filter((c) => c.is_identity === 'YES' || /nextval/.test(c.column_default ?? '')).map((c) => `${c.table_schema}.${c.table_name}.${c.column_name}`)).toEqual(['drizzle.__drizzle_migrations.id']);

    // 3. No order of arrival. Every row that holds the values of exactly one cast (or one answer) gets that cast's
    //    place in the order of arrival; the answer rows, which hold nothing of the kind, get their quarter (their
    //    grade). For every table with such rows, ordered by each of its columns and by the place of the row on disk
    //    (what a plain SELECT returns), the order must be unrelated to arrival.
    const actOf = new Map<string, string>();
    castWords.forEach((w, i) => Object.values(w).forEach((x) => actOf.set(x, `vote:${i}`)));
    evalWords.forEach((w, k) => Object.values(w).forEach((x) => actOf.set(x, `eval:${k}`)));
    const followsArrival: string[] = [];
    let measured = 0;
    for (const tb of tables) {
      const labels = new Map<string, { group: string; k: number }>(); // ctid → arrival
      for (const row of rowsOf.get(tb.name)!) {
        let found: Set<string>;
        if (tb.name === 'eval_answers') {
          const a = JSON.parse(row.j) as { answer: string; round_id: string };
          // A 3-grade or 5-point answer says its quarter; a yes / no only its half (left out).
          const q = Math.max(grades.indexOf(a.answer as never), points.indexOf(a.answer as never));
          found = a.round_id === round.id && q >= 0 ? new Set([`eval:${q}`]) : new Set();
        } else found = new Set([...wordsOf(row.j)].map((w) => actOf.get(w)).filter((x) => x !== undefined));
        if (found.size !== 1) continue;
        const [group, k] = [...found][0].split(':');
        labels.set(row.ctid, { group, k: Number(k) });
      }
      for (const group of ['vote', 'eval']) {
        const mine = [...labels].filter(([, l]) => l.group === group);
        if (mine.length < 20) continue;
        const cols = columns.filter((c) => c.table_schema === tb.table_schema && c.table_name === tb.table_name && !(tb.name === 'eval_answers' && c.column_name === 'answer'));
        const orderings = [{ name: 'place on disk', expr: 'x.ctid' }, ...cols.map((c) => ({ name: c.column_name, expr: c.data_type === 'json' ? `x."${c.column_name}"::text` : `x."${c.column_name}"` }))];
        const ranks = await db.query<Record<string, string | number>>(`select x.ctid::text as ctid, ${orderings.map((o, i) => `dense_rank() over (order by ${o.expr}) as r${i}`).join(', ')} from ${tb.ref} x`);
        const byCtid = new Map(ranks.map((x) => [String(x.ctid), x]));
        for (const [i, o] of orderings.entries()) {
          const tau = tauB(mine.map(([ctid]) => Number(byCtid.get(ctid)![`r${i}`])), mine.map(([, l]) => l.k));
          if (tau === null) continue;
          measured++;
          if (Math.abs(tau) >= ordered(mine.length)) followsArrival.push(`${tb.name} by ${o.name}: tau ${tau.toFixed(2)} over ${mine.length} rows of the ${group}`);
        }
      }
    }
    expect(followsArrival).toEqual([]);
    expect(measured, 'orders measured (ballots, cards, spent codes, printed codes, answers, comments)').toBeGreaterThanOrEqual(15);

    // 4. The representatives: that each was given a code is stored (eval_grants: the round and the representative,
    //    nothing else), which code is not; no row that names a representative or their account holds anything of a
    //    code or an answer (the codes they were given were checked above: stored nowhere, their hashes only in
    //    eval_spent, which names no one).
    const grants = await db.query<Record<string, string>>('select * from eval_grants where round_id = $1', [round.id]);
    expect(grants.map((g) => Object.keys(g).sort().join())).toEqual(Array(R).fill('representative_id,round_id'));
    expect(new Set(grants.map((g) => g.representative_id))).toEqual(new Set(repActs.map((a) => a.rep!.representativeId)));
    const reps = await db.query<{ id: string; account_id: string }>('select id, account_id from representatives where id = any($1::text[])', [repActs.map((a) => a.rep!.representativeId)]);
    expect(reps.every((x) => x.account_id)).toBe(true); // each signed in with the card, so has an account
    const persons = new Set(reps.flatMap((x) => [x.id, x.account_id]));
    const evalValues = new Set([...evalWords.flatMap((w) => Object.values(w)), ...answerIds]);
    const tied: string[] = [];
    for (const tb of tables)
      for (const row of rowsOf.get(tb.name)!) {
        const words = wordsOf(row.j);
        if ([...words].some((w) => persons.has(w)) && [...words].some((w) => evalValues.has(w))) tied.push(`${tb.name}: ${row.j.slice(0, 120)}`);
      }
    expect(tied).toEqual([]);

    // 5. No time of a cast or an answer, in whatever form (a timestamp, an ISO text, epoch seconds or milliseconds):
    //    no row holds a time from while the ballots were cast or the questionnaires answered — but for a signed-in
    //    representative's own records (the sign-in: account, session, audit entry), which name them and nothing else.
    const timesIn = (text: string) => [
      ...[...text.matchAll(/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}(?::?\d{2})?)?/g)].map((m) => Date.parse(m[0])),
      ...[...text.matchAll(/(?<![\w.-])1\d{9}(?:\d{3})?(?:\.\d+)?(?![\w-])/g)].map((m) => (m[0].length >= 13 ? Number(m[0]) : Number(m[0]) * 1000)),
    ];
    const stamped: string[] = [];
    let ownRecords = 0;
    for (const tb of tables)
      for (const row of rowsOf.get(tb.name)!) {
        const during = timesIn(row.j).filter((ms) => (ms >= casting.from && ms <= casting.to) || (ms >= answering.from && ms <= answering.to));
        if (during.length === 0) continue;
        const names = [...wordsOf(row.j)].some((w) => persons.has(w));
        const whileAnswering = during.every((ms) => ms >= answering.from && ms <= answering.to);
        if (!(names && whileAnswering)) stamped.push(`${tb.name}: ${row.j.slice(0, 160)}`);
        else ownRecords++;
      }
    expect(stamped).toEqual([]);
    expect(ownRecords, 'the representatives’ sign-ins, found by their times').toBeGreaterThanOrEqual(R);

    // 6. The log: one line per request with its route pattern — and no line at all for a cast or an answer, whose time
    //    would narrow who answered when: they are counted in their queues' summaries per minute instead (a tablet's
    //    repeats count there too). No line holds a token, an id or hash of a card, ballot or code, a receipt, a mark,
    //    a comment, an address or an agent.
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = parsed.filter((l) => l.msg === 'request');
    expect(requests.filter((l) => l.route === '/api/public/ballot/cast' || l.route === '/api/public/evaluation/submit')).toEqual([]);
    for (const l of requests) expect(Object.keys(l).sort()).toEqual(['level', 'method', 'ms', 'msg', 'requestId', 'route', 'status', 't']);
    const okIn = (name: string) => parsed.filter((l) => l.msg === `${name}.batches`).reduce((n, l) => n + Number((l.outcomes as Record<string, number>).ok ?? 0), 0);
    expect(okIn('cast')).toBe(N + 3);
    expect(okIn('evaluation')).toBe(N + R);
    const text = lines.join('\n');
    const secrets = [
      ...tokens.flatMap((x) => x.split('.').slice(1)),
      ...evalActs.flatMap((a) => a.token.split('.').slice(1)),
      ...castWords.flatMap((w) => Object.values(w)),
      ...evalWords.flatMap((w) => Object.values(w)),
      ...evalActs.map((a) => a.comment),
      ...answerIds,
      ...Array.from({ length: N + arrivals.length }, (_, i) => [ua(i), ip(i)]).flat(),
      PASSWORD,
      '"for"',
      '"against"',
      '"satisfied"',
      '"dissatisfied"',
    ];
    for (const x of secrets) expect(text.includes(x), `the log holds ${x.slice(0, 30)}`).toBe(false);
  });
});

/**
 * The representatives' back-to-back handling ratings of the items they raised (SPEC §13, issue 24): the same rules as
 * evaluation answers. In process, on the test database: representatives sign in with their delegate cards and rate,
 * in an order only this test knows, each rating a combination of grades of its own (so a row says its place in the
 * order of arrival). Then every table is read: the ratings name no one, no item and no time; no row ties a
 * representative or their account to a rating; the ratings' rows, ordered by any column or by their place on disk,
 * do not follow the order of arrival; the route is quiet, and nothing else was written for a rating (no history
 * event, no audit entry).
 */
describe('secrecy audit of the back-to-back handling ratings', () => {
  it('stores no rater, no item, no time and no order of arrival', { timeout: 240_000 }, async () => {
    const { QUIET_ROUTES } = await import('../../server/app.ts');
    const { createItem } = await import('../../server/items/create.ts');
    const { sql } = await import('drizzle-orm');
    expect(QUIET_ROUTES.has('POST /api/congresses/:congressId/items/:itemId/handling-rating')).toBe(true);
    const h = await hall(t, { seated: 8 });
    const admin = h.admin;
    const dep = h.department.id;
    const depUser = `hr${randomBytes(4).toString('hex')}`;
    expect((await admin.post(`${h.base}/accounts`, { username: depUser, displayName: '承办单位', password: PASSWORD, role: 'department', departmentId: dep })).status).toBe(201);
    const department = new Client(t);
    await department.login(depUser, PASSWORD);
    const reps = (await admin.get(`${h.base}/representatives`)).body as { id: string }[];
    const cards = (await admin.get(`${h.base}/roster/cards`)).body.cards as { id: string; url: string }[];
    const R = 8;
    const per = 3;
    const clients: Client[] = [];
    for (const rep of reps.slice(0, R)) {
      const cl = new Client(t);
      expect((await cl.post('/api/auth/card-login', { token: cards.find((c) => c.id === rep.id)!.url.split('#')[1] })).status).toBe(200);
      clients.push(cl);
    }
    // Each representative raised three items; the department answered them and the office accepted.
    const acts: { client: Client; repId: string; itemId: string }[] = [];
    for (const [r, rep] of reps.slice(0, R).entries())
      for (let k = 0; k < per; k++) {
        const made = await t.deps.db.transaction((tx) => createItem(tx, { congressId: h.congressId, source: 'representative', category: 'urban', title: `路灯 ${r}-${k}`, content: '路灯不亮', representativeId: rep.id }));
        expect((await admin.post(`${h.base}/items/${made.id}/assign`, { departmentId: dep })).status).toBe(200);
        expect((await department.post(`${h.base}/items/${made.id}/answer`, { answerClass: 'resolved', text: '已修好' })).status).toBe(200);
        expect((await admin.post(`${h.base}/items/${made.id}/accept`, {})).status).toBe(200);
        acts.push({ client: clients[r], repId: rep.id, itemId: made.id });
      }
    const grades = ['satisfied', 'basically', 'unsatisfied'] as const;
    const combos = shuffled(grades.flatMap((a) => grades.flatMap((b) => grades.map((c) => `${a}/${b}/${c}`)))).slice(0, acts.length);
    const arrivals = shuffled(acts);
    const auditBefore = (await t.deps.database.db.execute(sql`select count(*)::int as n from audit_log`)) as unknown as { rows?: { n: number }[] } | { n: number }[];
    const countOf = (x: typeof auditBefore) => Number((Array.isArray(x) ? x : x.rows!)[0].n);
    const eventsBefore = countOf((await t.deps.db.execute(sql`select count(*)::int as n from item_events`)) as never);
    for (const [k, a] of arrivals.entries()) {
      const [attitude, handling, effect] = combos[k].split('/');
      const res = await a.client.post(`${h.base}/items/${a.itemId}/handling-rating`, { attitude, handling, effect });
      expect(res.status, res.text).toBe(204);
    }
    expect(countOf((await t.deps.db.execute(sql`select count(*)::int as n from audit_log`)) as never)).toBe(countOf(auditBefore));
    expect(countOf((await t.deps.db.execute(sql`select count(*)::int as n from item_events`)) as never)).toBe(eventsBefore);
    const rowsOf = async (q: ReturnType<typeof sql>) => {
      const r = (await t.deps.db.execute(q)) as unknown as { rows?: Record<string, unknown>[] } | Record<string, unknown>[];
      return Array.isArray(r) ? r : r.rows!;
    };

    // 1. The ratings' columns: the department, the year and the grades — nothing that names a person, an item, a time or an order.
    const cols = (await rowsOf(sql`select column_name, data_type, column_default, is_identity from information_schema.columns where table_schema = 'public' and table_name = 'handling_ratings'`)) as { column_name: string; data_type: string; column_default: string | null; is_identity: string }[];
    expect(cols.map((c) => c.column_name).sort()).toEqual(['attitude', 'congress_id', 'department_id', 'effect', 'handling', 'id', 'year']);
    expect(cols.filter((c) => /timestamp|date|time/.test(c.data_type) || c.is_identity === 'YES' || /nextval|now\(/i.test(c.column_default ?? ''))).toEqual([]);
    // The grants: only that a representative rated an item's round.
    const grantCols = (await rowsOf(sql`select column_name from information_schema.columns where table_schema = 'public' and table_name = 'handling_rating_grants'`)).map((c) => c.column_name as string);
    expect(grantCols.sort()).toEqual(['congress_id', 'item_id', 'representative_id', 'round']);

    // 2. No row anywhere ties a representative (or their account) to a rating row.
    const ratings = (await rowsOf(sql`select x.ctid::text as ctid, x.* from handling_ratings x where congress_id = ${h.congressId}`)) as { ctid: string; id: string; attitude: string; handling: string; effect: string }[];
    expect(ratings).toHaveLength(acts.length);
    const ratingIds = new Set(ratings.map((r) => r.id));
    const accounts = (await rowsOf(sql`select account_id from representatives where congress_id = ${h.congressId} and account_id is not null`)).map((r) => r.account_id as string);
    const persons = new Set([...acts.map((a) => a.repId), ...accounts]);
    const tables = (await rowsOf(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`)).map((r) => r.table_name as string);
    const tied: string[] = [];
    for (const tb of tables) {
      if (tb === 'handling_ratings') continue;
      for (const row of await rowsOf(sql.raw(`select to_jsonb(x)::text as j from "${tb}" x`))) {
        const words = wordsOf(String(row.j));
        if ([...words].some((w) => ratingIds.has(w))) tied.push(`${tb} holds a rating id`);
        else if ([...words].some((w) => persons.has(w)) && /attitude|handling_rating/.test(String(row.j))) tied.push(`${tb}: ${String(row.j).slice(0, 120)}`);
      }
    }
    expect(tied).toEqual([]);

    // 3. No order of arrival: by the place on disk and by every column, the rows' order is unrelated to arrival.
    const arrivalOf = new Map(combos.map((c, k) => [c, k]));
    const k = ratings.map((r) => arrivalOf.get(`${r.attitude}/${r.handling}/${r.effect}`)!);
    const orders = ['x.ctid', ...cols.map((c) => `x."${c.column_name}"`)];
    const ranks = await rowsOf(sql.raw(`select x.ctid::text as ctid, ${orders.map((o, i) => `dense_rank() over (order by ${o}) as r${i}`).join(', ')} from handling_ratings x where congress_id = '${h.congressId}'`));
    const byCtid = new Map(ranks.map((r) => [String(r.ctid), r]));
    const follows: string[] = [];
    for (const [i, o] of orders.entries()) {
      const tau = tauB(ratings.map((r) => Number(byCtid.get(r.ctid)![`r${i}`])), k);
      if (tau !== null && Math.abs(tau) >= ordered(ratings.length)) follows.push(`${o}: tau ${tau.toFixed(2)}`);
    }
    expect(follows).toEqual([]);
  });
});
