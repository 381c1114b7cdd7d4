/**
 * English, complete. Typed against the Chinese source so that a missing or an extra key is a compile error.
 * Terms follow the glossary in design §11.
 */
import type { MessageKey } from './zh-CN.ts';

import { projectsEn } from './projects.en.ts';

import { evaluationEn } from './evaluation.en.ts';
import { homeEn } from './home.en.ts';
import { kioskEn } from './kiosk.en.ts';
import { hallEn } from './hall.en.ts';
import { tallyEn } from './tally.en.ts';
import { officeEn } from './office.en.ts';
import { auditEn } from './audit.en.ts';
import { adminEn } from './admin.en.ts';
import { a11yEn } from './a11y.en.ts';
import { ballotEn } from './ballot.en.ts';
import { publicEn } from './public.en.ts';
import { gatheringEn } from './gathering.en.ts';
import { accountsEn } from './accounts.en.ts';
import { departmentsEn } from './departments.en.ts';
import { congressEn } from './congress.en.ts';
import { authEn } from './auth.en.ts';
import { rosterEn } from './roster.en.ts';
import { decisionEn } from './decision.en.ts';
import { stationsEn } from './stations.en.ts';
import { itemsEn } from './items.en.ts';
import { itemsPagesEn } from './items-pages.en.ts';
import { hotlineEn } from './hotline.en.ts';
import { reviewEn } from './review.en.ts';
import { archiveEn } from './archive.en.ts';
import { countyEn } from './county.en.ts';
import { templatesEn } from './templates.en.ts';
import { hallboxEn } from './hallbox.en.ts';
import { notifyEn } from './notify.en.ts';
export const en: Record<MessageKey, string> = {
  // Each stage keeps its words in its own file (<stage>.en.ts, the keys of <stage>.zh-CN.ts), spread here first.
  // The hall tablet's words, built into the app's first chunk (ballot.zh-CN.ts).
  ...ballotEn,
  ...homeEn,
  ...kioskEn,
  ...hallEn,
  ...tallyEn,
  ...officeEn,
  ...auditEn,
  ...adminEn,
  ...a11yEn,
  ...publicEn,
  ...gatheringEn,
  ...accountsEn,
  ...departmentsEn,
  ...congressEn,
  ...authEn,
  ...rosterEn,
  ...decisionEn,
  ...stationsEn,
  ...itemsEn,
  ...itemsPagesEn,
  ...hotlineEn,
  ...reviewEn,
  ...archiveEn,
  ...countyEn,
  ...templatesEn,
  ...hallboxEn,
  ...notifyEn,
  // The evaluation stage keeps its words in its own file.
  ...evaluationEn,
  // The projects stage keeps its words in its own file.
  ...projectsEn,
  'app.name': 'Minsheng — Livelihood Projects Vote & Evaluation',
  'app.footerNote': 'Livelihood projects: vote and satisfaction evaluation',
  'a11y.skipToContent': 'Skip to content',
  'lang.switchTo': '切换到中文',
  'footer.apiDocs': 'API reference',
  'header.currentCongress': 'Current congress',

  'common.save': 'Save',
  'common.edit': 'Edit',
  'common.actions': 'Actions',
  'common.dismiss': 'Dismiss',
  'unit.cards': 'cards',
  'unit.items': '',
  'unit.people': 'people',
  'unit.points': 'points',
  'unit.responses': 'responses',

  'error.sessionLoad': 'Could not check whether you are signed in',

  'field.displayName': 'Full name',
  'field.username': 'Username',
  'field.usernameHint': '3–40 letters, digits, underscores, dots or hyphens; used to sign in.',
  'field.password': 'Password',
  'field.passwordHint': 'At least 10 characters. A sentence you remember works well.',
  'field.passwordRepeat': 'Repeat the password',

  'nav.label': 'Main navigation',
  'nav.menu': 'Menu',
  'nav.stage.setup': 'Setup',
  'nav.overview': 'Overview & settings',
  'nav.roster': 'Roster',
  'nav.departments': 'Departments',
  'nav.members': 'Accounts & roles',
  'nav.audit': 'Audit log',
  'nav.congresses': 'All congresses',
  'nav.accounts': 'All accounts',
  'nav.myAccount': 'My account',
  'nav.signOut': 'Sign out',

  'role.admin': 'Administrator',
  'role.government': 'Government office',
  'role.presidium': 'Presidium',
  'role.scrutineer': 'Scrutineer',
  'role.representative': 'Representative',
  'role.department': 'Department',
  'role.station': 'Station keeper',
  'role.overseer': 'Overseer (county)',
  'role.systemAdmin': 'System administrator',
  'role.admin.does': 'Standing committee staff: set up the congress, roster, departments, accounts and sessions; move each stage forward.',
  'role.government.does': 'Government office: screen proposals, propose the candidate list with budgets and departments.',
  'role.presidium.does': 'Presidium members and executive chairs: open and close votes, publish results.',
  'role.scrutineer.does': 'Chief scrutineer, scrutineers and counters: watch issuance and casting, enter paper ballots, sign the tally.',
  'role.representative.does': 'Representatives: check in, vote, submit proposals, join inspections and evaluations. Usually sign in with the delegate card QR.',
  'role.station.does': 'Liaison station keepers: keep their station\'s representatives, reception plan and reception records, and enter residents\' items.',
  'role.overseer.does': 'County or city standing committee staff: read the townships below side by side — their year, figures, roll-up report and hall packages — never a ballot, an answer or a private contact.',
  'role.department.does': 'Departments: report progress and evidence on their projects, answer inspection findings and rectification demands.',

  // 待办 — the to-do list on the home page and in the header (shared/home/schema.ts)

  'notFound.title': 'Page not found',
  'notFound.body': 'The address may be wrong, or the page no longer exists.',
  'notFound.home': 'Go to the start page',
  'noAccess.title': 'Not available to you',
  'noAccess.body': 'Your roles in this congress do not include this page.',
  'noAccess.next': 'If you need it, ask an administrator of this congress to grant you the role.',

  // Gathering and screening

  // Session & vote

};
