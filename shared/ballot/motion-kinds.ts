/**
 * 议题 (motions): the kinds the office picks from, with their usual wording. Plain TypeScript (no validation library):
 * the tablet and the pages read the words too. A motion is for / against / abstain and passes with more than half of
 * all seated representatives unless its own rule says otherwise (SPEC §15). Every motion on a card is secret.
 */

/** agenda 议程, name_list 名单 (主席团和秘书长, 总监票人和监票人), decision 决定, resolution 决议, other 其他. */
export const MOTION_KINDS = ['agenda', 'name_list', 'decision', 'resolution', 'other'] as const;
export type MotionKind = (typeof MOTION_KINDS)[number];

/** What a motion's threshold counts from: all seated representatives (the law's default) or those present. */
export const MOTION_THRESHOLD_BASES = ['seated', 'present'] as const;
export type MotionThresholdBase = (typeof MOTION_THRESHOLD_BASES)[number];

/** More than half of all seated representatives (全体代表的过半数). */
export const DEFAULT_MOTION_THRESHOLD = { base: 'seated', numerator: 1, denominator: 2, strict: true } as const;

/**
 * The title a motion of each kind gets when the office gives none: the wording a session's 表决事项单 usually carries,
 * with the session's name ({session}, e.g. 青山镇第十八届人民代表大会第三次会议) and year ({year}) put in.
 */
export const MOTION_DEFAULT_TITLES: Record<MotionKind, { zh: string; en: string }> = {
  agenda: { zh: '关于{session}议程（草案）的表决', en: 'Vote on the draft agenda of {session}' },
  name_list: { zh: '关于{session}主席团和秘书长名单（草案）的表决', en: 'Vote on the draft list of the presidium and secretary-general of {session}' },
  decision: { zh: '关于实施{year}年民生实事项目的决定（草案）的表决', en: 'Vote on the draft decision on the livelihood projects of {year}' },
  resolution: { zh: '关于政府工作报告的决议（草案）的表决', en: 'Vote on the draft resolution on the government work report' },
  other: { zh: '表决议题', en: 'Motion' },
};

/** A kind's default title, in Chinese (what is stored) or English, for a session (its name and the year of its date). */
export function defaultMotionTitle(kind: MotionKind, session: { name: string; date: string }, lang: 'zh' | 'en' = 'zh'): string {
  return MOTION_DEFAULT_TITLES[kind][lang].replaceAll('{session}', session.name).replaceAll('{year}', session.date.slice(0, 4)).slice(0, 200);
}
