/**
 * 关于实施XXXX年民生实事项目的决定 — the decision that turns a published project vote into the congress's will
 * (SPEC §15). Pure: the draft text the office issues, from the session's final list of the vote chain
 * (shared/tally/outcome.ts `finalLists`), for the staff to edit and the presidium to put to the session as a motion.
 * The text is Chinese: it is a document of the congress, printed and filed as written.
 */
import { chineseNumber } from '../i18n/index.ts';
import type { FinalList } from '../tally/outcome.ts';

/** An elected project as the decision names it (by the candidate id the final list carries). */
export type DecisionProject = {
  /** The candidate id (finalList.elected[].id). */
  id: string;
  title: string;
  leadDepartment: string;
  /** 万元, as stored ('120.00'). */
  plannedInvestment: string | number;
  /** YYYY-MM-DD. */
  plannedCompletion: string;
};

/** A vote that followed the first one in the chain: 再次投票 (runoff), 另行表决 (further), 重新投票 (revote). */
export type DecisionFollowUp = { voteId: string; kind: 'runoff' | 'further' | 'revote'; title: string };

export type DecisionInput = {
  congress: { name: string };
  /** The session whose vote it was: its name (青山镇第十八届人民代表大会第三次会议 or 第三次会议) and date. */
  session: { name: string; date: string };
  /** The year of the projects (实施{year}年民生实事项目). */
  year: number;
  finalList: FinalList;
  projects: DecisionProject[];
  /** The chain's follow-up votes, in order (the final list says which projects each one elected). */
  runoffs?: DecisionFollowUp[];
};

const FOLLOW_UP_WORDS: Record<DecisionFollowUp['kind'], string> = { runoff: '再次投票', further: '另行表决', revote: '重新投票' };

/** 一, 二, … 九十九; beyond that the figure (a decision never has a hundred projects). */
export const zhOrdinal = (n: number) => chineseNumber(n);
/** A count: 两件, 三件, 十二件 (两, not 二, before a measure word). */
export const zhCount = (n: number) => (n === 2 ? '两' : chineseNumber(n));

/**
 * The session's full name as the document heads it (青山镇第十八届人民代表大会第三次会议): the session's own name when it
 * already starts with the congress's; a name that starts with its term (第七届人民代表大会第二次会议) gets the place
 * before it (示范县); one that names the sitting only (第三次会议) gets the congress's name before it.
 */
export function sessionFullName(congress: { name: string }, session: { name: string }): string {
  const s = session.name.trim();
  const c = congress.name.trim();
  if (!c || s.startsWith(c) || !s.startsWith('第')) return s;
  if (/^第.+?届/.test(s)) {
    const place = c.replace(/(第.+?届)?(人民代表大会|人大|居民议政会|议政会).*$/, '');
    return place && place !== c ? `${place}${s}` : s;
  }
  return `${c}${s}`;
}

/** '120.00' → '120', '85.50' → '85.5' (万元, written as the office writes it). */
export function wanText(amount: string | number): string {
  const n = Number(amount);
  if (!Number.isFinite(n)) return String(amount);
  return String(Math.round(n * 100) / 100);
}

/** 2026-12-31 → 2026年12月31日. */
export function zhDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** The title: 青山镇第十八届人民代表大会第三次会议关于实施2026年民生实事项目的决定. */
export const decisionTitle = (input: Pick<DecisionInput, 'congress' | 'session' | 'year'>) =>
  `${sessionFullName(input.congress, input.session)}关于实施${input.year}年民生实事项目的决定`;

/** The line under the title once adopted: （2026年3月5日青山镇第十八届人民代表大会第三次会议通过）. */
export const adoptionLine = (congress: { name: string }, session: { name: string }, adoptedOn: string) =>
  `（${zhDate(adoptedOn)}${sessionFullName(congress, session)}通过）`;

const numbers = (ns: number[]) => ns.map((n) => `第${zhOrdinal(n)}项`).join('、');

/**
 * The draft: title and body. The items are the final list's elected projects in its order (the first vote's in
 * rank, then each follow-up's); a follow-up vote's outcome is said after the items; seats still unfilled are said and
 * left empty (no item stands for them). Throws on a list that is not final: drafting waits for publication.
 */
export function draftDecision(input: DecisionInput): { title: string; body: string } {
  const { finalList } = input;
  if (finalList.pending) throw new Error('draftDecision: the final list is not published yet');
  const byId = new Map(input.projects.map((p) => [p.id, p]));
  const full = sessionFullName(input.congress, input.session);
  const n = finalList.elected.length;
  const paragraphs: string[] = [];
  paragraphs.push(
    n > 0
      ? `${full}经过票决，决定实施以下${zhCount(n)}件民生实事项目：`
      : `${full}经过票决，${input.year}年民生实事项目未产生当选项目。`,
  );
  finalList.elected.forEach((e, i) => {
    const p = byId.get(e.id);
    const details = p
      ? [
          p.leadDepartment ? `牵头单位：${p.leadDepartment}` : '',
          p.plannedInvestment !== '' && p.plannedInvestment !== null ? `计划投资：${wanText(p.plannedInvestment)}万元` : '',
          p.plannedCompletion ? `计划完成时间：${zhDate(p.plannedCompletion)}` : '',
        ].filter(Boolean)
      : [];
    paragraphs.push(`${zhOrdinal(i + 1)}、${p?.title ?? e.title}${details.length ? `（${details.join('；')}）` : ''}`);
  });
  const followUps = (input.runoffs ?? []).filter((f) => finalList.voteIds.includes(f.voteId));
  if (followUps.length > 0) {
    const parts = followUps.map((f) => {
      const mine = finalList.elected.flatMap((e, i) => (e.voteId === f.voteId ? [i + 1] : []));
      const word = FOLLOW_UP_WORDS[f.kind];
      return mine.length > 0 ? `${numbers(mine)}经${word}确定` : `${word}未产生当选项目`;
    });
    paragraphs.push(`其中，${parts.join('；')}。`);
  }
  if (finalList.unfilledSeats > 0) {
    paragraphs.push(
      `本次票决应确定${zhCount(finalList.seats)}件民生实事项目，实际确定${zhCount(n)}件，空缺${zhCount(finalList.unfilledSeats)}个名额${finalList.leftEmpty ? '，经主席团决定留空' : '，予以留空'}。`,
    );
  }
  paragraphs.push('本决定自通过之日起施行。');
  return { title: decisionTitle(input), body: paragraphs.join('\n') };
}
