/**
 * The county stage's part of the authorization matrix (tests/security/authz-kit.ts). `build` puts each world's congress
 * under a county of its own and makes that county's overseer (`c.overseer`, who holds no role in the congress itself).
 */
import { PASSWORD, uniq } from '../helpers/app.ts';
import type { StagePart } from '../security/authz-kit.ts';

export const part: StagePart = {
  build: async ({ w, sys, must, client }) => {
    w.ids.county = (await must(sys.post('/api/congresses', { name: uniq('示例县第十八届人民代表大会'), level: 'county', term: 18 }), 'county')).id;
    await must(sys.put(`/api/congresses/${w.id}/parent`, { parentId: w.ids.county }), 'parent');
    w.usernames.overseer = uniq('overseer');
    const account = await must(sys.post('/api/accounts', { username: w.usernames.overseer, displayName: '县人大督导', password: PASSWORD }), 'overseer account');
    await must(sys.post(`/api/congresses/${w.ids.county}/members`, { accountId: account.id, role: 'overseer' }), 'overseer role');
    w.c.overseer = client();
    await w.c.overseer.login(w.usernames.overseer, PASSWORD);
  },
  table: {
    'PUT /api/congresses/:congressId/parent': { allow: ['sysadmin'], req: (x) => ({ path: `/api/congresses/${x.w.id}/parent`, body: { parentId: x.w.ids.county } }) },
    'GET /api/congress-tree': { allow: ['sysadmin'], req: () => ({ path: '/api/congress-tree?size=5' }) },
    'GET /api/congresses/:congressId/county/congresses': { allow: ['sysadmin', 'overseer'], req: (x) => ({ path: `/api/congresses/${x.w.ids.county}/county/congresses` }) },
    'GET /api/congresses/:congressId/county/dashboard': { allow: ['sysadmin', 'overseer'], req: (x) => ({ path: `/api/congresses/${x.w.ids.county}/county/dashboard` }) },
    'GET /api/congresses/:congressId/county/congresses/:childId': { allow: ['sysadmin', 'overseer'], req: (x) => ({ path: `/api/congresses/${x.w.ids.county}/county/congresses/${x.w.id}` }) },
    'GET /api/congresses/:congressId/county/rollup': { allow: ['sysadmin', 'overseer'], req: (x) => ({ path: `/api/congresses/${x.w.ids.county}/county/rollup` }) },
    'GET /api/congresses/:congressId/county/rollup.xlsx': { allow: ['sysadmin', 'overseer'], req: (x) => ({ path: `/api/congresses/${x.w.ids.county}/county/rollup.xlsx` }) },
  },
};
