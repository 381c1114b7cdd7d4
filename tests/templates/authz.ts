/**
 * The templates stage's part of the authorization matrix (tests/security/authz-kit.ts). Runs after the county's part:
 * `w.ids.county` is the county over congress A. `build` publishes one version of a county template for A to read and
 * adopt. The county's staff is `sysadmin` here; `admin` is A's (the township's) admin, who adopts.
 */
import type { StagePart } from '../security/authz-kit.ts';

export const part: StagePart = {
  build: async ({ w, sys, must }) => {
    w.ids.template = (await must(sys.post(`/api/congresses/${w.ids.county}/templates`, { name: `模板${w.id.slice(0, 8)}` }), 'template')).id;
    w.ids.templateVersion = (await must(sys.post(`/api/congresses/${w.ids.county}/templates/${w.ids.template}/versions`, { content: { negativeList: ['办公楼'], itemCategories: ['social', 'science_education', 'rural', 'urban', 'ecology', 'other'] } }), 'template version')).id;
  },
  table: {
    'GET /api/congresses/:congressId/templates': { allow: ['sysadmin', 'overseer'], req: (x) => ({ path: `/api/congresses/${x.w.ids.county}/templates` }) },
    'POST /api/congresses/:congressId/templates': { allow: ['sysadmin'], req: (x) => ({ path: `/api/congresses/${x.w.ids.county}/templates`, body: { name: `新模板${Math.random().toString(36).slice(2)}` } }) },
    'GET /api/congresses/:congressId/templates/adoptions': { allow: ['sysadmin', 'overseer'], req: (x) => ({ path: `/api/congresses/${x.w.ids.county}/templates/adoptions` }) },
    'GET /api/congresses/:congressId/templates/:templateId': { allow: ['sysadmin', 'overseer'], req: (x) => ({ path: `/api/congresses/${x.w.ids.county}/templates/${x.w.ids.template}` }) },
    'POST /api/congresses/:congressId/templates/:templateId/versions': { allow: ['sysadmin'], req: (x) => ({ path: `/api/congresses/${x.w.ids.county}/templates/${x.w.ids.template}/versions`, body: { content: { negativeList: ['楼堂馆所'] } } }) },
    'GET /api/congresses/:congressId/templates-above': { allow: ['sysadmin', 'admin'], req: (x) => ({ path: `/api/congresses/${x.w.id}/templates-above` }) },
    'GET /api/congresses/:congressId/templates-above/versions/:versionId/compare': { allow: ['sysadmin', 'admin'], req: (x) => ({ path: `/api/congresses/${x.w.id}/templates-above/versions/${x.w.ids.templateVersion}/compare` }) },
    'POST /api/congresses/:congressId/templates-above/versions/:versionId/adopt': { allow: ['sysadmin', 'admin'], req: (x) => ({ path: `/api/congresses/${x.w.id}/templates-above/versions/${x.w.ids.templateVersion}/adopt`, body: { parts: ['negativeList'] } }) },
  },
};
