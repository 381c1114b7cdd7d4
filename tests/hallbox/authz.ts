/**
 * The hallbox stage's part of the authorization matrix (tests/security/authz-kit.ts). `build` runs a second session of
 * the congress with one published vote, exports its package (as the township's administrator would on its laptop) and
 * files it at the county (`ids.county`, made by the county part): `ids.pkgSession`, `ids.pkg`.
 */
import type { StagePart } from '../security/authz-kit.ts';

export const part: StagePart = {
  build: async ({ w, sys, base, today, must }) => {
    const c = w.c;
    w.ids.pkgSession = (await must(sys.post(`${base}/sessions`, { name: '会场数据包会议', date: today }), 'session')).id;
    const S = `${base}/sessions/${w.ids.pkgSession}/votes`;
    for (const r of (await must(sys.get(`${base}/representatives`), 'representatives')) as { id: string }[])
      await must(sys.put(`${base}/sessions/${w.ids.pkgSession}/attendance/${r.id}`, { status: 'present' }), 'attendance');
    const v = (await must(c.presidium.post(S, { listId: w.ids.Lf, title: '离线会场票决' }), 'vote')).id as string;
    await must(c.scrutineer.post(`${S}/${v}/cards`, { spareCards: 2 }), 'cards');
    await must(c.scrutineer.post(`${S}/${v}/issue-count`, { count: 3 }), 'issue-count');
    await must(c.presidium.post(`${S}/${v}/open`, {}), 'open');
    await must(c.presidium.post(`${S}/${v}/close`, {}), 'close');
    await must(c.scrutineer.post(`${S}/${v}/tally`, {}), 'tally');
    await must(c.scrutineer.post(`${S}/${v}/tally/signoff`, { chief: true, invalidChecked: true }), 'signoff');
    await must(c.scrutineer2.post(`${S}/${v}/tally/signoff`, {}), 'signoff 2');
    await must(c.presidium.post(`${S}/${v}/tally/publish`, {}), 'publish');
    const exported = await sys.get(`${base}/sessions/${w.ids.pkgSession}/package`);
    if (exported.status !== 200) throw new Error(`export: ${exported.status} ${exported.text}`);
    const form = new FormData();
    form.append('file', new Blob([exported.text], { type: 'application/json' }), 'package.json');
    form.append('fingerprint', exported.headers.get('x-key-fingerprint')!);
    w.ids.pkg = (await must(sys.post(`/api/congresses/${w.ids.county}/county/congresses/${w.id}/packages`, form), 'file package')).id;
  },
  table: {
    'GET /api/congresses/:congressId/sessions/:sessionId/package': [
      { on: 'every vote published', allow: ['sysadmin', 'admin'], req: (x) => ({ path: `/api/congresses/${x.cid}/sessions/${x.w.ids.pkgSession}/package` }) },
      { on: 'a vote open', allow: ['sysadmin', 'admin'], ok: ['package_vote_open', 'package_unpublished'], req: (x) => ({ path: `/api/congresses/${x.cid}/sessions/${x.w.ids.session}/package` }) },
    ],
    'POST /api/congresses/:congressId/county/congresses/:childId/packages': {
      allow: ['sysadmin'],
      ok: ['package_file_missing'],
      req: (x) => {
        const form = new FormData();
        form.append('fingerprint', '0'.repeat(64));
        return { path: `/api/congresses/${x.w.ids.county}/county/congresses/${x.w.id}/packages`, body: form };
      },
    },
    'GET /api/congresses/:congressId/county/packages': { allow: ['sysadmin', 'overseer'], req: (x) => ({ path: `/api/congresses/${x.w.ids.county}/county/packages` }) },
    'GET /api/congresses/:congressId/county/packages/:packageId': { allow: ['sysadmin', 'overseer'], req: (x) => ({ path: `/api/congresses/${x.w.ids.county}/county/packages/${x.w.ids.pkg}` }) },
    'GET /api/congresses/:congressId/county/packages/:packageId/file': { allow: ['sysadmin', 'overseer'], req: (x) => ({ path: `/api/congresses/${x.w.ids.county}/county/packages/${x.w.ids.pkg}/file` }) },
  },
};
