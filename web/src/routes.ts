/** Every page and its address; pages load on first visit (lazy), so the sign-in page stays small. */
import type { RouteDefinition } from '@solidjs/router';
import { lazy } from 'solid-js';
import { CongressScope } from './congress/context.tsx';
import { StaffLayout } from './layout/StaffLayout.tsx';
import { outsideRoutes, staffProjectRoutes } from './projects/routes.ts';
import { outsideEvaluationRoutes, staffEvaluationRoutes } from './evaluation/routes.ts';
import { SHORT_CODE_SEGMENT } from '../../shared/congress/short-code.ts';

export const routes: RouteDefinition[] = [
  { path: '/setup', component: lazy(() => import('./auth/SetupPage.tsx')) },
  { path: '/login', component: lazy(() => import('./auth/LoginPage.tsx')) },
  // The first sign-in with a password given by staff: choose one's own before anything else.
  { path: '/password', component: lazy(() => import('./auth/FirstPasswordPage.tsx')) },
  // The delegate card's QR opens /l#<token>.
  { path: '/l', component: lazy(() => import('./auth/CardLoginPage.tsx')) },
  // Residents, without an account: propose (the poster's QR opens /p/<congress>), follow, read the frozen list.
  // The short forms a person can type from a poster or a slip (/p/K7Q3M, /e/K7Q3M) open the long ones.
  { path: '/p/:code', matchFilters: { code: SHORT_CODE_SEGMENT }, component: lazy(() => import('./public/ShortAddressPage.tsx').then((m) => ({ default: m.shortAddressPage('propose') }))) },
  { path: '/e/:code', matchFilters: { code: SHORT_CODE_SEGMENT }, component: lazy(() => import('./public/ShortAddressPage.tsx').then((m) => ({ default: m.shortAddressPage('evaluate') }))) },
  { path: '/p/:congressId', component: lazy(() => import('./public/SubmitPage.tsx')) },
  { path: '/p/:congressId/candidates', component: lazy(() => import('./public/PublicListPage.tsx')) },
  { path: '/t/:code?', component: lazy(() => import('./public/TrackPage.tsx')) },
  // Published results: a vote (the tally report's QR opens /v/<vote>#sha256=…), and receipts across a congress.
  { path: '/v/:voteId', component: lazy(() => import('./public/ResultPage.tsx')) },
  { path: '/r/:congressId', component: lazy(() => import('./public/ReceiptsPage.tsx')) },
  // The hall's projector (大屏), no account.
  { path: '/screen/:sessionId', component: lazy(() => import('./tally/ScreenPage.tsx')) },
  // The hall tablets: a representative votes with a ballot card (/b#<token>, or /b?c=<congress> to type serials).
  { path: '/b', component: lazy(() => import('./ballot/BallotPage.tsx')) },
  // A kiosk device's own page: the staff's set-up QR opens /k#<token>; then the check-in desk (web/src/kiosk).
  { path: '/k', component: lazy(() => import('./kiosk/KioskPage.tsx')) },
  // Printed on A4 without the app around it.
  { path: '/c/:congressId/roster/cards', component: lazy(() => import('./roster/CardsPage.tsx')) },
  { path: '/c/:congressId/sessions/:sessionId/votes/:voteId/cards', component: lazy(() => import('./hall/BallotCardsPage.tsx')) },
  { path: '/c/:congressId/sessions/:sessionId/votes/:voteId/report', component: lazy(() => import('./tally/ReportPage.tsx')) },
  { path: '/c/:congressId/gathering/poster', component: lazy(() => import('./gathering/PosterPage.tsx')) },
  // Projects: the public progress page and the printable progress report.
  ...outsideRoutes,
  // Evaluation: answering with a one-time code (/e#<token>), printed slips and the printable results.
  ...outsideEvaluationRoutes,
  {
    path: '/',
    component: StaffLayout,
    children: [
      { path: '/', component: lazy(() => import('./home/HomePage.tsx')) },
      { path: '/account', component: lazy(() => import('./auth/MyAccountPage.tsx')) },
      { path: '/congresses', component: lazy(() => import('./congress/CongressListPage.tsx')) },
      { path: '/accounts', component: lazy(() => import('./accounts/AccountsPage.tsx')) },
      {
        path: '/c/:congressId',
        component: CongressScope,
        children: [
          { path: '/', component: lazy(() => import('./congress/CongressOverviewPage.tsx')) },
          { path: '/members', component: lazy(() => import('./congress/MembersPage.tsx')) },
          { path: '/roster', component: lazy(() => import('./roster/RosterPage.tsx')) },
          { path: '/roster/import', component: lazy(() => import('./roster/ImportPage.tsx')) },
          { path: '/departments', component: lazy(() => import('./departments/DepartmentsPage.tsx')) },
          { path: '/audit', component: lazy(() => import('./audit/AuditPage.tsx')) },
          { path: '/gathering', component: lazy(() => import('./gathering/WindowsPage.tsx')) },
          { path: '/gathering/proposals', component: lazy(() => import('./gathering/ProposalsPage.tsx')) },
          { path: '/gathering/proposals/:proposalId', component: lazy(() => import('./gathering/ProposalPage.tsx')) },
          { path: '/gathering/candidates', component: lazy(() => import('./gathering/CandidatesPage.tsx')) },
          { path: '/gathering/lists', component: lazy(() => import('./gathering/ListsPage.tsx')) },
          { path: '/gathering/lists/:listId', component: lazy(() => import('./gathering/ListPage.tsx')) },
          { path: '/sessions', component: lazy(() => import('./hall/SessionsPage.tsx')) },
          { path: '/sessions/:sessionId', component: lazy(() => import('./hall/SessionPage.tsx')) },
          { path: '/sessions/:sessionId/check-in', component: lazy(() => import('./hall/CheckInPage.tsx')) },
          { path: '/sessions/:sessionId/kiosks', component: lazy(() => import('./kiosk/KiosksPage.tsx')) },
          { path: '/sessions/:sessionId/votes/:voteId', component: lazy(() => import('./hall/VotePage.tsx')) },
          ...staffProjectRoutes,
          ...staffEvaluationRoutes,
        ],
      },
      { path: '*404', component: lazy(() => import('./home/NotFoundPage.tsx')) },
    ],
  },
];
