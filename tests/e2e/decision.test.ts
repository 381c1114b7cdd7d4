import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, SCREENSHOTS, shoot, startHarness, type Harness } from './harness.ts';
import { json, SECOND_SCRUTINEER, signIn as signInAs, STAFF, voteWorld } from './setup.ts';
import { shanghaiYear } from '../../shared/time.ts';

/**
 * The decision on the livelihood projects in a real browser (SPEC §15): a project vote (5 present, 3 candidates, 2
 * seats) run and published through the API; on its page the admin drafts the decision (起草决定), edits its text
 * beside the preview and looks at the A4 print view; the decision is put on a sitting and passed through the API;
 * then a resident reads it on the public decisions page and prints it as the office issues it.
 */
describe('the decision: draft, edit, adopt, publish, print', () => {
  let h: Harness;
  let congressId = '';
  let sessionId = '';
  let voteId = '';
  let motionId = '';
  const people = { ...STAFF, scrutineer2: SECOND_SCRUTINEER('钱监票') };
  const titles = { a: '河东村道路硬化工程', b: '城关镇自来水管网改造', c: '老旧小区加装路灯' };
  const year = shanghaiYear();
  type Who = keyof typeof people;
  const api: Partial<Record<Who, { page: Page; headers: Record<string, string> }>> = {};
  const as = <T,>(who: Who, path: string, data: unknown = {}) =>
    api[who]!.page.request.post(`${h.origin}/api${path}`, { data, headers: api[who]!.headers }).then((r) => json<T>(r));
  const votePath = (v: string) => `/congresses/${congressId}/sessions/${sessionId}/votes/${v}`;
  const tablet = async (path: string, body: unknown) => {
    const res = await fetch(`${h.origin}/api/public/ballot/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  /** Cards, 5 issued, open, the ballots cast on tablets, close, tally prepared, signed twice and published. */
  const runAndPublish = async (v: string, ballots: Record<string, string>[]) => {
    await as('scrutineer', `${votePath(v)}/cards`);
    const print = await json<{ cards: { serial: string; url: string }[] }>(await api.scrutineer!.page.request.get(`${h.origin}/api${votePath(v)}/cards`));
    for (const c of print.cards.slice(0, ballots.length)) await as('scrutineer', `${votePath(v)}/issue`, { card: c.serial });
    await as('presidium', `${votePath(v)}/open`, {});
    for (const [i, marks] of ballots.entries()) {
      const token = print.cards[i].url.split('#')[1];
      await tablet('open', { token, voteId: v });
      await tablet('cast', { token, marks, voteId: v });
    }
    await as('presidium', `${votePath(v)}/close`);
    await as('scrutineer', `${votePath(v)}/tally`);
    await as('scrutineer', `${votePath(v)}/tally/signoff`, { chief: true, invalidChecked: true });
    await as('scrutineer2', `${votePath(v)}/tally/signoff`, { chief: false, invalidChecked: false });
    await as('presidium', `${votePath(v)}/tally/publish`);
  };

  beforeAll(async () => {
    h = await startHarness();
    const w = await voteWorld(h, { staff: people, delegations: [['城关镇代表团', 5]], titles: Object.values(titles), attendance: Array(5).fill('present') });
    ({ congressId, sessionId } = w);
    const [a, b, c] = w.candidates.map((x) => x.id);
    voteId = (await w.post<{ id: string }>(`/congresses/${congressId}/sessions/${sessionId}/votes`, { listId: w.listId, title: '民生实事项目票决', seats: 2, maxFor: 2 })).id;
    for (const who of Object.keys(people) as Who[]) api[who] = await signInAs(h, people[who]);
    await runAndPublish(voteId, [
      { [a]: 'for', [b]: 'for', [c]: 'against' },
      { [a]: 'for', [b]: 'for' },
      { [a]: 'for', [b]: 'for' },
      { [a]: 'for', [c]: 'for' },
      { [b]: 'for', [c]: 'for' },
    ]);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('drafts the decision from the published vote’s page and opens it', async () => {
    const page = h.page;
    await page.goto(`${h.origin}/c/${congressId}/sessions/${sessionId}/votes/${voteId}`);
    await page.getByRole('button', { name: '起草决定' }).waitFor();
    await page.locator('.decision-link-box').scrollIntoViewIfNeeded();
    await shoot(page, 'decision-vote-button', ['tablet']);
    await page.getByRole('button', { name: '起草决定' }).click();
    await page.waitForURL(/\/decisions\/[0-9a-f-]{36}$/);
    motionId = page.url().split('/').at(-1)!;
    await page.getByRole('heading', { name: `示范县第七届人民代表大会第二次会议关于实施${year}年民生实事项目的决定`, level: 1 }).first().waitFor();
    const preview = page.locator('.decision-preview');
    await eventually(() => preview.locator('.decision-doc-p').allTextContents()).toEqual([
      '示范县第七届人民代表大会第二次会议经过票决，决定实施以下两件民生实事项目：',
      `一、${titles.a}（牵头单位：县交通运输局；计划投资：118万元；计划完成时间：${year}年11月30日）`,
      `二、${titles.b}（牵头单位：县交通运输局；计划投资：356.5万元；计划完成时间：${year}年11月30日）`,
      '本决定自通过之日起施行。',
    ]);
    await preview.getByText('（草案）').waitFor();
    await page.getByText('草稿（未列入表决）').first().waitFor();
    // Drafted once: the vote's page now links to it.
    await page.goto(`${h.origin}/c/${congressId}/sessions/${sessionId}/votes/${voteId}`);
    await page.getByRole('link', { name: '打开决定' }).click();
    await page.waitForURL(new RegExp(`/decisions/${motionId}$`));
  });

  it('edits the text beside its preview, and prints the draft on A4', async () => {
    const page = h.page;
    const body = page.getByLabel('正文');
    const text = await body.inputValue();
    await body.fill(text.replace('本决定自通过之日起施行。', '会议要求，县人民政府精心组织实施，确保项目按期完成。\n本决定自通过之日起施行。'));
    await page.getByRole('button', { name: '保存修改' }).click();
    await page.getByText('已保存').first().waitFor();
    await page.locator('.decision-preview').getByText('会议要求，县人民政府精心组织实施，确保项目按期完成。').waitFor();
    await shoot(page, 'decision-draft', ['tablet', 'phone']);
    await page.getByRole('link', { name: '打印版' }).click();
    await page.waitForURL(/\/print$/);
    await page.locator('.decision-sheet .decision-doc-title').waitFor();
    await shoot(page, 'decision-print-draft', ['tablet']);
    await page.emulateMedia({ media: 'print' });
    await eventually(() => page.locator('.print-toolbar').isVisible()).toBe(false);
    await shoot(page, 'decision-print-draft-paper', ['tablet']);
    const pdf = await page.pdf({ path: join(SCREENSHOTS, 'decision-draft.pdf'), format: 'A4', preferCSSPageSize: true });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
    await page.emulateMedia({ media: 'screen' });
  });

  it('is adopted once a sitting passes it and is published; a resident reads and prints it', async () => {
    // The presidium puts it on a sitting like any motion; 4 of 5 for.
    const sitting = await as<{ id: string }>('presidium', `/congresses/${congressId}/sessions/${sessionId}/votes`, { title: '第二次全体会议表决事项', motionIds: [motionId] });
    await runAndPublish(sitting.id, [{ [motionId]: 'for' }, { [motionId]: 'for' }, { [motionId]: 'for' }, { [motionId]: 'for' }, { [motionId]: 'against' }]);

    const phone = await h.newPage('tablet');
    await phone.goto(`${h.origin}/r/${congressId}/decisions`);
    await phone.getByRole('heading', { name: '大会决定', level: 1 }).waitFor();
    const card = phone.locator('.decision-card');
    await eventually(() => card.count()).toBe(1);
    await card.getByText(/^（\d{4}年\d{1,2}月\d{1,2}日示范县第七届人民代表大会第二次会议通过）$/).waitFor();
    await card.getByText('赞成 4 票，反对 1 票，弃权 0 票；通过需 3 票').waitFor();
    await shoot(phone, 'decision-public-list', ['tablet', 'phone']);
    await card.getByRole('link', { name: '全文与打印' }).click();
    await phone.locator('.decision-sheet .decision-doc-title').waitFor();
    await eventually(() => phone.locator('.decision-sheet .decision-doc-p').allTextContents()).toContain('会议要求，县人民政府精心组织实施，确保项目按期完成。');
    await phone.locator('.decision-after').getByRole('link', { name: titles.a }).waitFor();
    await shoot(phone, 'decision-public', ['tablet', 'phone']);
    await phone.emulateMedia({ media: 'print' });
    await eventually(() => phone.locator('.decision-tools').isVisible()).toBe(false);
    await shoot(phone, 'decision-public-paper', ['tablet']);
    const pdf = await phone.pdf({ path: join(SCREENSHOTS, 'decision.pdf'), format: 'A4', preferCSSPageSize: true });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
    await phone.emulateMedia({ media: 'screen' });

    // The public results area lists it; the project it adopted names it.
    await phone.goto(`${h.origin}/r/${congressId}`);
    await phone.locator('.adopted-decisions').getByRole('link', { name: `示范县第七届人民代表大会第二次会议关于实施${year}年民生实事项目的决定` }).waitFor();
    const projects = await json<{ projects: { id: string; title: string }[] }>(await phone.request.get(`${h.origin}/api/public/congresses/${congressId}/projects`));
    const project = projects.projects.find((p) => p.title === titles.a)!;
    await phone.goto(`${h.origin}/progress/${congressId}/${project.id}`);
    await phone.locator('.pj-decision').getByRole('link', { name: /关于实施.+年民生实事项目的决定（.+通过）/ }).click();
    await phone.waitForURL(new RegExp(`/r/${congressId}/decisions/${motionId}$`));
    // In English: the labels around the document; the document itself stays as issued, in Chinese.
    await phone.getByRole('button', { name: 'Switch to English' }).click();
    await phone.getByRole('heading', { name: 'Result of the vote' }).waitFor();
    await phone.getByText('For 4, against 1, abstain 0; 3 needed to pass').waitFor();
    await phone.getByRole('button', { name: 'Print' }).waitFor();
    await phone.locator('.decision-sheet .decision-doc-title', { hasText: '关于实施' }).waitFor();
    await shoot(phone, 'decision-public-en', ['phone']);
    await phone.context().close();
    expect(h.pageErrors).toEqual([]);
    expect(h.offOrigin).toEqual([]);
  });
});
