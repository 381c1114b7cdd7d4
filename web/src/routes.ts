/**
 * Every page and its address; pages load on first visit (lazy), so the sign-in page stays small. Each page waits for
 * the whole dictionary of its language (`lazyPage`); the hall tablet's ballot page only for the core words built in.
 */
import type { RouteDefinition } from '@solidjs/router';
import { lazy } from 'solid-js';
import { lazyPage } from './i18n.ts';
import { CongressScope } from './congress/context.tsx';
import { StaffLayout } from './layout/StaffLayout.tsx';
import { outsideRoutes, staffProjectRoutes } from './projects/routes.ts';
import { outsideEvaluationRoutes, staffEvaluationRoutes } from './evaluation/routes.ts';
import { outsideStationsRoutes, staffStationsRoutes } from './stations/routes.ts';
import { outsideItemsRoutes, staffItemsRoutes } from './items/routes.ts';
import { outsideHotlineRoutes, staffHotlineRoutes } from './hotline/routes.ts';
import { outsideReviewRoutes, staffReviewRoutes } from './review/routes.ts';
import { outsideArchiveRoutes, staffArchiveRoutes } from './archive/routes.ts';
import { outsideCountyRoutes, staffCountyRoutes } from './county/routes.ts';
import { outsideTemplatesRoutes, staffTemplatesRoutes } from './templates/routes.ts';
import { outsideHallboxRoutes, staffHallboxRoutes } from './hallbox/routes.ts';
import { outsideNotifyRoutes, staffNotifyRoutes } from './notify/routes.ts';
import { SHORT_CODE_SEGMENT } from '../../shared/congress/short-code.ts';

export const routes: RouteDefinition[] = [
  { path: '/setup', component: lazyPage(() => import('./auth/SetupPage.tsx')) },
  { path: '/login', component: lazyPage(() => import('./auth/LoginPage.tsx')) },
  // The first sign-in with a password given by staff: choose one's own before anything else.
  { path: '/password', component: lazyPage(() => import('./auth/FirstPasswordPage.tsx')) },
  // The delegate card's QR opens /l#<token>.
  { path: '/l', component: lazyPage(() => import('./auth/CardLoginPage.tsx')) },
  // Residents, without an account: propose (the poster's QR opens /p/<congress>), follow, read the frozen list.
  // The short forms a person can type from a poster or a slip (/p/K7Q3M, /e/K7Q3M) open the long ones.
  { path: '/p/:code', matchFilters: { code: SHORT_CODE_SEGMENT }, component: lazyPage(() => import('./public/ShortAddressPage.tsx').then((m) => ({ default: m.shortAddressPage('propose') }))) },
  { path: '/e/:code', matchFilters: { code: SHORT_CODE_SEGMENT }, component: lazyPage(() => import('./public/ShortAddressPage.tsx').then((m) => ({ default: m.shortAddressPage('evaluate') }))) },
  { path: '/p/:congressId', component: lazyPage(() => import('./public/SubmitPage.tsx')) },
  { path: '/p/:congressId/candidates', component: lazyPage(() => import('./public/PublicListPage.tsx')) },
  { path: '/t/:code?', component: lazyPage(() => import('./public/TrackPage.tsx')) },
  // Published results: a vote (the tally report's QR opens /v/<vote>#sha256=…), and receipts across a congress.
  { path: '/v/:voteId', component: lazyPage(() => import('./public/ResultPage.tsx')) },
  { path: '/r/:congressId', component: lazyPage(() => import('./public/ReceiptsPage.tsx')) },
  // The decisions the session adopted (关于实施XXXX年民生实事项目的决定), each printable as issued.
  { path: '/r/:congressId/decisions/:motionId?', component: lazyPage(() => import('./public/DecisionsPage.tsx')) },
  // The hall's projector (大屏), no account.
  { path: '/screen/:sessionId', component: lazyPage(() => import('./tally/ScreenPage.tsx')) },
  // The hall tablets: a representative votes with a ballot card (/b#<token>, or /b?c=<congress> to type serials).
  { path: '/b', component: lazy(() => import('./ballot/BallotPage.tsx')) },
  // A kiosk device's own page: the staff's set-up QR opens /k#<token>; then the check-in desk (web/src/kiosk).
  { path: '/k', component: lazyPage(() => import('./kiosk/KioskPage.tsx')) },
  // Printed on A4 without the app around it.
  { path: '/c/:congressId/roster/cards', component: lazyPage(() => import('./roster/CardsPage.tsx')) },
  { path: '/c/:congressId/sessions/:sessionId/votes/:voteId/cards', component: lazyPage(() => import('./hall/BallotCardsPage.tsx')) },
  { path: '/c/:congressId/sessions/:sessionId/votes/:voteId/report', component: lazyPage(() => import('./tally/ReportPage.tsx')) },
  { path: '/c/:congressId/decisions/:motionId/print', component: lazyPage(() => import('./hall/DecisionPrintPage.tsx')) },
  { path: '/c/:congressId/gathering/poster', component: lazyPage(() => import('./gathering/PosterPage.tsx')) },
  // Projects: the public progress page and the printable progress report.
  ...outsideRoutes,
  // Evaluation: answering with a one-time code (/e#<token>), printed slips and the printable results.
  ...outsideEvaluationRoutes,
  // The year-round loop: stations' public pages and posters, items, the hotline, the review sheet, the duty archive.
  ...outsideStationsRoutes,
  ...outsideItemsRoutes,
  ...outsideHotlineRoutes,
  ...outsideReviewRoutes,
  ...outsideArchiveRoutes,
  // County and city (SPEC §16): the dashboard's and the roll-up report's print views.
  ...outsideCountyRoutes,
  ...outsideTemplatesRoutes,
  ...outsideHallboxRoutes,
  ...outsideNotifyRoutes,
  {
    path: '/',
    component: StaffLayout,
    children: [
      { path: '/', component: lazyPage(() => import('./home/HomePage.tsx')) },
      { path: '/account', component: lazyPage(() => import('./auth/MyAccountPage.tsx')) },
      { path: '/congresses', component: lazyPage(() => import('./congress/CongressListPage.tsx')) },
      { path: '/accounts', component: lazyPage(() => import('./accounts/AccountsPage.tsx')) },
      {
        path: '/c/:congressId',
        component: CongressScope,
        children: [
          { path: '/', component: lazyPage(() => import('./congress/CongressOverviewPage.tsx')) },
          { path: '/members', component: lazyPage(() => import('./congress/MembersPage.tsx')) },
          { path: '/roster', component: lazyPage(() => import('./roster/RosterPage.tsx')) },
          { path: '/roster/import', component: lazyPage(() => import('./roster/ImportPage.tsx')) },
          { path: '/departments', component: lazyPage(() => import('./departments/DepartmentsPage.tsx')) },
          { path: '/audit', component: lazyPage(() => import('./audit/AuditPage.tsx')) },
          { path: '/gathering', component: lazyPage(() => import('./gathering/WindowsPage.tsx')) },
          { path: '/gathering/proposals', component: lazyPage(() => import('./gathering/ProposalsPage.tsx')) },
          { path: '/gathering/proposals/:proposalId', component: lazyPage(() => import('./gathering/ProposalPage.tsx')) },
          { path: '/gathering/candidates', component: lazyPage(() => import('./gathering/CandidatesPage.tsx')) },
          { path: '/gathering/lists', component: lazyPage(() => import('./gathering/ListsPage.tsx')) },
          { path: '/gathering/lists/:listId', component: lazyPage(() => import('./gathering/ListPage.tsx')) },
          { path: '/sessions', component: lazyPage(() => import('./hall/SessionsPage.tsx')) },
          { path: '/sessions/:sessionId', component: lazyPage(() => import('./hall/SessionPage.tsx')) },
          { path: '/sessions/:sessionId/check-in', component: lazyPage(() => import('./hall/CheckInPage.tsx')) },
          { path: '/sessions/:sessionId/kiosks', component: lazyPage(() => import('./kiosk/KiosksPage.tsx')) },
          { path: '/sessions/:sessionId/votes/:voteId', component: lazyPage(() => import('./hall/VotePage.tsx')) },
          { path: '/decisions/:motionId', component: lazyPage(() => import('./hall/DecisionPage.tsx')) },
          ...staffProjectRoutes,
          ...staffEvaluationRoutes,
          ...staffStationsRoutes,
          ...staffItemsRoutes,
          ...staffHotlineRoutes,
          ...staffReviewRoutes,
          ...staffArchiveRoutes,
          ...staffCountyRoutes,
          ...staffTemplatesRoutes,
          ...staffHallboxRoutes,
          ...staffNotifyRoutes,
        ],
      },
      { path: '*404', component: lazyPage(() => import('./home/NotFoundPage.tsx')) },
    ],
  },
];
