import { eq } from 'drizzle-orm';
import * as Congress from '../../shared/congress/contract.ts';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/congress/settings.ts';
import { Audience } from '../../shared/evaluation/schema.ts';
import { en } from '../../shared/i18n/en.ts';
import { zhCN } from '../../shared/i18n/zh-CN.ts';
import { addDictionary, congressBody, formatDate, formatDateTime, formatFraction, translate } from '../../shared/i18n/index.ts';
import { congresses } from '../../server/db/schema/index.ts';
import { setupAdmin, useTestApp } from '../helpers/app.ts';

const t = useTestApp();
addDictionary('en', en);
addDictionary('zh-CN', zhCN); // only the core words are built in (ballot.zh-CN.ts)

describe('dates: one way everywhere', () => {
  it('writes an instant as 2026年12月5日 06:20 in Chinese and 5 Dec 2026, 06:20 in English (Asia/Shanghai)', () => {
    const at = '2026-12-04T22:20:00Z'; // 06:20 on 5 December in Shanghai
    expect(formatDateTime(at, 'zh-CN')).toBe('2026年12月5日 06:20');
    expect(formatDateTime(at, 'en')).toBe('5 Dec 2026, 06:20');
    expect(formatDateTime('2027-01-09T16:05:00Z', 'zh-CN')).toBe('2027年1月10日 00:05');
    expect(formatDateTime('2026-03-01T04:00:00Z', 'zh-CN')).toBe('2026年3月1日 12:00');
  });

  it('gives a date and a date with time the same date part, never 2026/12/05', () => {
    for (const at of ['2026-12-04T22:20:00Z', '2026-01-10T01:30:00Z', '2025-09-30T15:59:00Z']) {
      for (const lang of ['zh-CN', 'en'] as const) expect(formatDateTime(at, lang).startsWith(formatDate(at, lang))).toBe(true);
      expect(formatDateTime(at, 'zh-CN')).not.toMatch(/\d{4}\/\d{2}/);
    }
    expect(formatDate('2026-01-10', 'zh-CN')).toBe('2026年1月10日');
  });
});

describe('fractions in words (the quorum, thresholds)', () => {
  const cases: [number, number, string, string][] = [
    [2, 3, '三分之二', 'two-thirds'],
    [1, 2, '二分之一', 'one-half'],
    [3, 4, '四分之三', 'three-quarters'],
    [3, 5, '五分之三', 'three-fifths'],
    [1, 3, '三分之一', 'one-third'],
    [3, 3, '全部', 'all'],
    [11, 20, '二十分之十一', '11/20'],
  ];
  it.each(cases)('%i/%i → %s / %s', (n, d, zh, en) => {
    expect(formatFraction({ numerator: n, denominator: d }, 'zh-CN')).toBe(zh);
    expect(formatFraction({ numerator: n, denominator: d }, 'en')).toBe(en);
  });

  it('says the session quorum line with the fraction of the rule, not 「的比例」', () => {
    const fraction = formatFraction(defaultSettings().quorum, 'zh-CN');
    expect(translate('zh-CN', 'session.quorum.line', { present: 5, needed: 4, seated: 6, fraction })).toBe('实到 5 人，法定人数 4 人（应到 6 人的三分之二）。');
    expect(translate('en', 'session.quorum.line', { present: 5, needed: 4, seated: 6, fraction: formatFraction(defaultSettings().quorum, 'en') })).toBe('5 present; the quorum is 4 (two-thirds of the 6 seated).');
  });
});

describe("a congress's own body (the public footer)", () => {
  it('names a township by its 人大主席团 and a county by its 人大常委会 — a township has no standing committee', () => {
    expect(congressBody({ name: '青山镇第十八届人民代表大会', level: 'township' }, 'zh-CN')).toBe('青山镇人大主席团');
    expect(congressBody({ name: '示范县第十七届人民代表大会', level: 'county' }, 'zh-CN')).toBe('示范县人大常委会');
    expect(congressBody({ name: '青山镇第十八届人民代表大会', level: 'township' }, 'en')).toBe("Presidium of the 青山镇 People's Congress");
    // A street council, or a name without 第…届, is named as it is.
    expect(congressBody({ name: '城东街道居民议政会', level: 'street' }, 'zh-CN')).toBe('城东街道居民议政会');
    expect(congressBody({ name: '县人大', level: 'county' }, 'zh-CN')).toBe('县人大');
    for (const lang of ['zh-CN', 'en'] as const) expect(translate(lang, 'app.footerNote')).not.toMatch(/常委会|standing committee/i);
  });
});

describe('评价主体权重: one weight per audience a round can include', () => {
  it('has a weight for exactly the audiences of a round (no 网络评议 that no round can include)', () => {
    expect(Object.keys(defaultSettings().evaluation.audienceWeights).sort()).toEqual([...Audience.options].sort());
    expect(translate('zh-CN', 'settings.audienceWeights')).toBe('评价主体权重');
  });

  it('drops a weight for another group, sent or kept by an older congress', async () => {
    const admin = await setupAdmin(t);
    const c = (await admin.call(Congress.createCongress, { body: { name: '青山镇第十八届人民代表大会', level: 'township', term: 18 } })).body;
    const put = await admin.call(Congress.replaceSettings, { params: { congressId: c.id }, body: { evaluation: { audienceWeights: { representatives: 40, residents: 50, online: 10 } as never } } });
    expect(put.status).toBe(200);
    expect(put.body.settings.evaluation.audienceWeights).toEqual({ representatives: 40, residents: 50 });
    // Settings saved before the change still carry `online`: they are read without it.
    const old = { ...defaultSettings(), evaluation: { ...defaultSettings().evaluation, audienceWeights: { representatives: 30, residents: 60, online: 10 } } };
    await t.database.db.update(congresses).set({ settings: old }).where(eq(congresses.id, c.id));
    expect((await admin.call(Congress.getCongress, { params: { congressId: c.id } })).body.settings.evaluation.audienceWeights).toEqual({ representatives: 30, residents: 60 });
  });
});
