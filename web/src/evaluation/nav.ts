/**
 * 满意度测评 in the staff navigation. Staff, the government office and the presidium follow the rounds, the league
 * table and the rectifications; a department account sees its own rectifications (the API gives it only those).
 * Representatives reach a round from a link (its page gives them their one code while it is open).
 */
import type { NavGroup } from '../nav.ts';

export const evaluationNavGroup: NavGroup = {
  label: 'nav.stage.evaluation',
  entries: [
    { label: 'nav.evaluationRounds', href: (c) => `/c/${c}/evaluation`, permission: 'evaluation.page', inCongress: true, end: true },
    { label: 'nav.evaluationLeague', href: (c) => `/c/${c}/evaluation/league`, permission: 'evaluation.page', inCongress: true },
    { label: 'nav.rectifications', href: (c) => `/c/${c}/rectifications`, permission: 'evaluation.rectifications.page', inCongress: true },
  ],
};
