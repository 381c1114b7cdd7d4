import type { APIRequestContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../web/src/api.ts';
import { isTransient, retryDelay, RETRY_AFTER_MAX_MS } from '../../web/src/retry.ts';
import { eventually, shoot, startHarness, textMatching, type Harness } from './harness.ts';
import { shanghaiToday, shanghaiYear } from '../../shared/time.ts';

/**
 * Running through failures on the hall tablet and the answering page (design §13), in a real browser against the real
 * server. The cast and submit requests are intercepted: the first attempts fail — the connection drops, then the server
 * answers 503 database_unavailable with Retry-After — and the page keeps the ballot (or the answers) on screen under a
 * calm 保存中 and sends the same request again by itself until it is answered. In the second case of each the first
 * attempt reaches the server and is stored, but its answer is lost on the way back: the repeat gets the same receipt
 * (the ballot) or finds the code spent by those very answers (the evaluation). Then the server is stopped and its
 * database read: one ballot per card with the marks chosen and the receipt shown, one submission per code.
 *
 * No fixed sleeps: the failing routes hold the attempt that ends the failure until the test has seen (and
 * photographed) the saving state, so the state cannot slip by unseen.
 */

/** A promise with its resolve, to hold an intercepted request until the test lets it go. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

const unavailable = (route: Route) =>
  route.fulfill({
    status: 503,
    headers: { 'Retry-After': '1', 'content-type': 'application/json' },
    body: JSON.stringify({ error: { code: 'database_unavailable', message: '暂时连接不上数据库，系统正在自动重连。本次内容尚未保存，请稍候重试（1 秒后）。', requestId: 'test' } }),
  });

describe('the retry schedule (web/src/retry.ts)', () => {
  it('waits 1, 2, 4, 8, then 10 s, a fifth longer at most, and follows Retry-After within bounds', () => {
    const none = () => 0;
    const most = () => 0.999999;
    expect([1, 2, 3, 4, 5, 6, 50].map((n) => retryDelay(n, undefined, none))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
    expect([1, 2, 3, 4, 5].map((n) => retryDelay(n, undefined, most))).toEqual([1200, 2400, 4800, 9600, 12_000]);
    // Retry-After is never shortened by the jitter; 0 still waits a little; a very long one is capped.
    expect(retryDelay(3, 1, none)).toBe(1000);
    expect(retryDelay(3, 1, most)).toBe(1200);
    expect(retryDelay(1, 0, none)).toBe(500);
    expect(retryDelay(1, 3600, none)).toBe(RETRY_AFTER_MAX_MS);
    expect(retryDelay(1, Number.NaN, none)).toBe(1000);
  });

  it('sends again after no connection and a 503, not after a refusal', () => {
    expect(isTransient(new ApiError(0, 'network', ''))).toBe(true);
    for (const code of ['database_unavailable', 'database_busy', 'server_busy', 'server_stopping', 'storage_full']) expect(isTransient(new ApiError(503, code, ''))).toBe(true);
    expect(isTransient(new ApiError(409, 'card_used', ''))).toBe(false);
    expect(isTransient(new ApiError(409, 'vote_closed', ''))).toBe(false);
    expect(isTransient(new ApiError(500, 'internal', ''))).toBe(false);
    expect(isTransient(new Error('x'))).toBe(false);
  });
});

describe('the tablet keeps the ballot and the answers through 503s and dropped connections', () => {
  let h: Harness;
  let congressId = '';
  let voteId = '';
  let roundId = '';
  let cards: { serial: string; url: string }[] = [];
  let slips: { serial: string; url: string }[] = [];
  const ids = { a: '', b: '', c: '' };
  const titles = { a: '河东村道路硬化工程', b: '城关镇自来水管网改造', c: '老旧小区加装路灯' };
  /** What the tablets showed, and what the test chose, to compare with the database at the end. */
  const shown: { serial: string; receipt: string; marks: Record<string, string> }[] = [];
  const admin = { displayName: '林主任', username: 'lin.admin', password: 'qingshan-2026-admin' };
  const people = {
    government: { displayName: '陈主任', username: 'gov.chen', password: 'government-2026' },
    presidium: { displayName: '王主席', username: 'pres.wang', password: 'presidium-2026' },
    scrutineer: { displayName: '赵监票', username: 'scrut.zhao', password: 'scrutineer-2026' },
  };
  const year = shanghaiYear();

  const json = async <T,>(res: Awaited<ReturnType<APIRequestContext['post']>>): Promise<T> => {
    if (![200, 201].includes(res.status())) throw new Error(`${res.url()}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const signIn = async (who: { username: string; password: string }) => {
    const page = await h.newPage('tablet');
    const me = await json<{ csrfToken: string }>(await page.request.post(`${h.origin}/api/auth/login`, { data: who }));
    const headers = { 'X-CSRF-Token': me.csrfToken };
    const post = <T,>(path: string, data: unknown = {}) => page.request.post(`${h.origin}/api${path}`, { data, headers }).then((r) => json<T>(r));
    return { page, headers, post };
  };

  beforeAll(async () => {
    h = await startHarness();
    const r = h.page.request;
    const csrf = (await json<{ csrfToken: string }>(await r.post(`${h.origin}/api/setup`, { data: admin }))).csrfToken;
    const headers = { 'X-CSRF-Token': csrf };
    const post = <T,>(path: string, data: unknown = {}) => r.post(`${h.origin}/api${path}`, { data, headers }).then((x) => json<T>(x));
    congressId = (await post<{ id: string }>('/congresses', { name: '示范县人民代表大会', level: 'county', term: 7 })).id;
    const c = `/congresses/${congressId}`;
    const dept = await post<{ id: string }>(`${c}/departments`, { name: '县交通运输局', kind: 'bureau' });
    for (const [role, who] of Object.entries(people)) await post(`${c}/accounts`, { ...who, role });
    for (const [i, name] of ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨帆', '赵磊', '黄敏', '周涛'].entries()) await post(`${c}/representatives`, { name, delegation: i < 5 ? '城关镇代表团' : '河东乡代表团' });
    await post(`${c}/collection-windows`, { year, opensOn: shanghaiToday(), closesOn: `${year}-12-31` });

    // Three candidates on a frozen list, a session with seven of nine present, a vote with cards made and issued, open.
    const gov = await signIn(people.government);
    for (const [i, title] of Object.values(titles).entries()) {
      const p = await post<{ id: string }>(`${c}/proposals`, { title, description: `${title}，群众反映强烈。`, category: 'transport', location: '城关镇', channel: 'liaison_station', station: '城关镇代表联络站' });
      const checks = Object.fromEntries(['feasibility', 'assessment', 'legality', 'fiscal', 'environment', 'landUse', 'publicSafety'].map((k) => [k, { result: 'pass', note: '' }]));
      await json(await gov.page.request.put(`${h.origin}/api${c}/proposals/${p.id}/checks`, { data: checks, headers: gov.headers }));
      await gov.post(`${c}/proposals/${p.id}/accept`, {
        candidate: { title, content: `${title}的具体内容。`, leadDepartmentId: dept.id, coDepartmentIds: [], plannedInvestment: ['118.00', '356.50', '42.80'][i], fundingSource: '县级财政', plannedCompletion: `${year}-11-30`, expectedOutcome: '群众满意' },
      });
    }
    await gov.page.context().close();
    const candidates = await json<{ id: string; title: string }[]>(await r.get(`${h.origin}/api${c}/candidates`));
    for (const k of ['a', 'b', 'c'] as const) ids[k] = candidates.find((x) => x.title === titles[k])!.id;
    const list = await post<{ id: string }>(`${c}/candidate-lists`, { title: '候选清单', year, seats: 2, candidateIds: [ids.a, ids.b, ids.c] });
    await post(`${c}/candidate-lists/${list.id}/freeze`, { acknowledgeSurplusWarning: true });
    const sessionId = (await post<{ id: string }>(`${c}/sessions`, { name: '第七届人民代表大会第二次会议', date: shanghaiToday() })).id;
    const reps = await json<{ id: string }[]>(await r.get(`${h.origin}/api${c}/representatives`));
    for (const rep of reps.slice(0, 7)) await json(await r.put(`${h.origin}/api${c}/sessions/${sessionId}/attendance/${rep.id}`, { data: { status: 'present' }, headers }));
    const votePath = (v: string) => `${c}/sessions/${sessionId}/votes/${v}`;
    voteId = (await post<{ id: string }>(`${c}/sessions/${sessionId}/votes`, { listId: list.id, title: '民生实事项目票决', seats: 2, maxFor: 2, threshold: { base: 'valid', numerator: 1, denominator: 2, strict: true } })).id;
    const scrutineer = await signIn(people.scrutineer);
    await scrutineer.post(`${votePath(voteId)}/cards`);
    cards = (await json<{ cards: { serial: string; url: string }[] }>(await scrutineer.page.request.get(`${h.origin}/api${votePath(voteId)}/cards`))).cards;
    for (const card of cards.slice(0, 3)) await scrutineer.post(`${votePath(voteId)}/issue`, { card: card.serial });
    const presidium = await signIn(people.presidium);
    await presidium.post(`${votePath(voteId)}/open`, { countdownSeconds: 600 });

    // An evaluation round over one project (and so its lead department), residents, two printed codes, open.
    const project = await post<{ id: string }>(`${c}/projects`, { year, title: titles.a, leadDepartmentId: dept.id, coDepartmentIds: [], plannedInvestment: '120.00', fundingSource: '县级财政', plannedCompletion: `${year}-11-30` });
    roundId = (await post<{ id: string }>(`${c}/evaluation/rounds`, { year, title: `${year}年度民生实事项目群众满意度测评`, audiences: ['residents'], projectIds: [project.id] })).id;
    const R = `${c}/evaluation/rounds/${roundId}`;
    await post(`${R}/codes`, { audience: 'residents', count: 2 });
    await post(`${R}/issued`, { audience: 'residents', count: 2 });
    await post(`${R}/open`);
    slips = await json<{ serial: string; url: string }[]>(await r.get(`${h.origin}/api${R}/codes?audience=residents`));
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Open a card's ballot on a tablet by its serial and mark it; answers the review screen. */
  async function markBallot(tablet: Page, serial: string, marks: Partial<Record<keyof typeof ids, string>>, en = false) {
    await tablet.goto(`${h.origin}/b?c=${congressId}${en ? '&lang=en' : ''}`);
    await tablet.locator('#ballot-serial').fill(serial);
    await tablet.getByRole('button', { name: en ? 'Open ballot' : '打开选票' }).click();
    await tablet.getByRole('heading', { name: '民生实事项目票决' }).waitFor();
    for (const [k, word] of Object.entries(marks)) await tablet.locator('.ballot-row', { hasText: titles[k as keyof typeof ids] }).getByRole('button', { name: word, exact: true }).click();
    await tablet.getByRole('button', { name: en ? 'Review ballot' : '检查选票' }).click();
    await tablet.getByRole('heading', { name: en ? 'Please check your ballot' : '请核对您的选票' }).waitFor();
  }

  it('keeps the ballot on screen through a dropped connection and two 503s, then shows the receipt of the one ballot', async () => {
    const tablet = await h.newPage('tablet');
    const bodies: string[] = [];
    const last = gate();
    await tablet.route('**/api/public/ballot/cast', async (route) => {
      bodies.push(route.request().postData() ?? '');
      if (bodies.length === 1) return route.abort('failed');
      if (bodies.length <= 3) return unavailable(route);
      await last.opened; // held until the saving state has been seen and photographed
      return route.continue();
    });
    await markBallot(tablet, cards[0].serial, { a: '赞成', b: '反对' });
    await tablet.getByRole('button', { name: '确认投票，提交后不可更改' }).click();

    // The first failure: the calm saving state, the marks still in view, nothing to press.
    const saving = tablet.getByRole('heading', { name: '保存中，请稍候' });
    await saving.waitFor();
    await tablet.getByText('您的选票已保留在本页，服务器一有应答就会自动提交。').waitFor();
    await eventually(() => tablet.locator('.review-mark').allTextContents()).toEqual(['赞成', '反对', '未选（按弃权计）']);
    expect(await tablet.getByRole('button').count()).toBe(0);
    expect(await tablet.locator('.kiosk-refused, [role="alert"]').count()).toBe(0);
    // Through the two 503s to the fourth attempt, still saving all the while.
    await expect.poll(() => bodies.length, { timeout: 60_000 }).toBe(4);
    await eventually(() => saving.isVisible()).toBe(true);
    expect(await tablet.getByRole('button').count()).toBe(0);
    await shoot(tablet, 'ballot-saving', ['tablet', 'phone']);
    last.open();

    await tablet.getByRole('heading', { name: '投票成功' }).waitFor();
    const receipt = await textMatching(tablet.locator('.receipt-code'), /^\S{7,}$/);
    // Every attempt sent the very same card, vote and marks.
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0])).toMatchObject({ voteId, marks: { [ids.a]: 'for', [ids.b]: 'against' } });
    shown.push({ serial: cards[0].serial, receipt, marks: { [ids.a]: 'for', [ids.b]: 'against' } });
    await tablet.context().close();
  });

  it('when the answer of a stored ballot is lost, the retry shows that same receipt (in English)', async () => {
    const tablet = await h.newPage('tablet');
    const bodies: string[] = [];
    let first = { status: 0, receipt: '' };
    const second = gate();
    await tablet.route('**/api/public/ballot/cast', async (route) => {
      bodies.push(route.request().postData() ?? '');
      if (bodies.length === 1) {
        // The ballot reaches the server and is stored; its answer never reaches the tablet.
        const res = await route.fetch();
        first = { status: res.status(), receipt: ((await res.json()) as { receipt?: string }).receipt ?? '' };
        return route.abort('failed');
      }
      await second.opened;
      return route.continue();
    });
    await markBallot(tablet, cards[1].serial, { a: 'Against', b: 'For', c: 'Abstain' }, true);
    await tablet.getByRole('button', { name: 'Confirm my vote — it cannot be changed after' }).click();
    await tablet.getByRole('heading', { name: 'Saving, please wait…' }).waitFor();
    await expect.poll(() => bodies.length, { timeout: 30_000 }).toBe(2);
    expect(await tablet.getByRole('button').count()).toBe(0);
    await shoot(tablet, 'ballot-saving-en', ['phone']);
    second.open();

    await tablet.getByRole('heading', { name: 'Your vote is recorded' }).waitFor();
    const receipt = await textMatching(tablet.locator('.receipt-code'), /^\S{7,}$/);
    expect(first.status).toBe(200);
    expect(first.receipt.length).toBeGreaterThan(6);
    expect(receipt).toBe(first.receipt);
    expect(bodies[1]).toBe(bodies[0]);
    // Abstain is stored as no mark.
    shown.push({ serial: cards[1].serial, receipt, marks: { [ids.a]: 'against', [ids.b]: 'for' } });
    await tablet.context().close();
  });

  /**
   * Answer every item of every target with `word` on the answering page opened from a slip; ends on the review, once
   * it shows every answer. Returns how many items were answered.
   */
  async function answerAll(p: Page, slipUrl: string, word: string): Promise<number> {
    await p.goto(slipUrl.replace(/^https?:\/\/[^/]+/, h.origin));
    const intro = await textMatching(p.getByText(/^您将以群众身份评价 \d+ 个测评对象。$/), /^您将以群众身份评价 \d+ 个测评对象。$/);
    const targets = Number(/(\d+)/.exec(intro)![1]);
    await p.getByRole('button', { name: '开始', exact: true }).click();
    let answered = 0;
    for (let i = 1; i <= targets; i++) {
      await p.locator('.ev-progress-n', { hasText: `${i} / ${targets}` }).waitFor();
      const items = p.locator('.ev-q-item');
      await items.first().waitFor();
      const n = await items.count(); // a step's questions come together (one left out would stop 下一个)
      for (let j = 0; j < n; j++) await items.nth(j).getByRole('button', { name: word, exact: true }).click();
      answered += n;
      await p.getByRole('button', { name: i < targets ? '下一个' : '检查答卷', exact: true }).click();
    }
    await p.getByRole('heading', { name: '请检查您的答卷' }).waitFor();
    await eventually(() => p.locator('.ev-answer-tag').allTextContents()).toEqual(Array(answered).fill(word));
    return answered;
  }

  it('keeps the answers on screen through a dropped connection and two 503s, then thanks once they are stored', async () => {
    const phone = await h.newPage('phone');
    const bodies: string[] = [];
    const last = gate();
    await phone.route('**/api/public/evaluation/submit', async (route) => {
      bodies.push(route.request().postData() ?? '');
      if (bodies.length === 1) return route.abort('failed');
      if (bodies.length <= 3) return unavailable(route);
      await last.opened;
      return route.continue();
    });
    const answered: string[] = Array(await answerAll(phone, slips[0].url, '满意')).fill('满意');
    await phone.getByRole('button', { name: '确认提交，提交后不可更改' }).click();

    const saving = phone.getByRole('heading', { name: '保存中，请稍候' });
    await saving.waitFor();
    await phone.getByText('您的答卷已保留在本页，服务器一有应答就会自动提交，不会重复记录。').waitFor();
    await eventually(() => phone.locator('.ev-answer-tag').allTextContents()).toEqual(answered);
    // Nothing to change or press twice while saving (the language switch in the header stays).
    expect(await phone.locator('main').getByRole('button').count()).toBe(0);
    await expect.poll(() => bodies.length, { timeout: 60_000 }).toBe(4);
    await eventually(() => saving.isVisible()).toBe(true);
    await shoot(phone, 'evaluation-saving', ['phone', 'tablet']);
    last.open();

    await phone.getByRole('heading', { name: '提交成功，感谢您的参与！' }).waitFor();
    expect(await phone.locator('.ev-thanks-note').count()).toBe(0);
    expect(new Set(bodies).size).toBe(1);
    await phone.context().close();
  });

  it('when the answer of a stored submission is lost, the retry finds the code spent and thanks all the same', async () => {
    const phone = await h.newPage('phone');
    const bodies: string[] = [];
    let firstStatus = 0;
    const second = gate();
    await phone.route('**/api/public/evaluation/submit', async (route) => {
      bodies.push(route.request().postData() ?? '');
      if (bodies.length === 1) {
        // The answers reach the server and are stored; the answer never reaches the phone.
        firstStatus = (await route.fetch()).status();
        return route.abort('failed');
      }
      await second.opened;
      return route.continue();
    });
    await answerAll(phone, slips[1].url, '基本满意');
    await phone.getByRole('button', { name: '确认提交，提交后不可更改' }).click();
    await phone.getByRole('heading', { name: '保存中，请稍候' }).waitFor();
    await expect.poll(() => bodies.length, { timeout: 30_000 }).toBe(2);
    expect(firstStatus).toBe(200);
    second.open();

    // The repeat is refused as eval_code_used: after an unanswered attempt, that means these answers had arrived.
    await phone.getByRole('heading', { name: '提交成功，感谢您的参与！' }).waitFor();
    await phone.locator('.ev-thanks-note').getByText('这个测评码已显示为已使用').waitFor();
    expect(bodies[1]).toBe(bodies[0]);
    await shoot(phone, 'evaluation-thanks-after-drop', ['phone']);
    await phone.context().close();
  });

  it('sent nothing off the origin and logged no errors', () => {
    expect(h.offOrigin).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });

  it('stored exactly one ballot per card, with the marks chosen and the receipt shown, and one submission per code', async () => {
    const stored = await h.closeThenRead(async (database) => ({
      ballots: await database.query<{ serial: string; receipt: string; marks: Record<string, string>; paper: boolean }>(
        'select c.serial, b.receipt, b.marks, b.paper from ballots b join cards c on c.id = b.card_id where b.vote_id = $1 order by c.serial',
        [voteId],
      ),
      spent: await database.query<{ n: number }>('select count(*)::int as n from eval_spent where round_id = $1', [roundId]),
      answers: await database.query<{ answer: string; n: number }>('select answer, count(*)::int as n from eval_answers where round_id = $1 group by answer order by answer', [roundId]),
      items: await database.query<{ n: number }>(
        `select sum(jsonb_array_length(r.items -> t.kind))::int as n from eval_targets t join eval_rounds r on r.id = t.round_id where t.round_id = $1`,
        [roundId],
      ),
    }));
    // Two cards cast, one ballot each: none stored twice by the retries.
    expect(stored.ballots.map((b) => ({ serial: b.serial, receipt: b.receipt, marks: b.marks, paper: b.paper }))).toEqual(
      [...shown].sort((x, y) => (x.serial < y.serial ? -1 : 1)).map((s) => ({ serial: s.serial, receipt: s.receipt, marks: s.marks, paper: false })),
    );
    // Two codes, two submissions: every item of every target once each, all 满意 for one code and 基本满意 for the other.
    const perSubmission = stored.items[0].n;
    expect(perSubmission).toBeGreaterThan(0);
    expect(stored.spent[0].n).toBe(2);
    expect(stored.answers).toEqual([
      { answer: 'basic', n: perSubmission },
      { answer: 'satisfied', n: perSubmission },
    ]);
  });
});
