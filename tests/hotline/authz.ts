/**
 * The hotline stage's part of the authorization matrix (tests/security/authz-kit.ts): the column mapping and the record
 * of imports (staff and the government office read them), the 12345 preview and import (staff only). Each world holds
 * one import, whose id must never show through the other congress.
 */
import { DEFAULT_COLUMNS } from '../../shared/hotline/schema.ts';
import { cg, STAFF, type StagePart, type Who } from '../security/authz-kit.ts';

const READERS: Who[] = ['sysadmin', 'admin', 'government'];
const HEADER = '工单编号,来电时间,诉求内容,所属区域,承办单位,办理状态,满意度评价,来电号码';
let today = '';
let n = 0;
/** A one-ticket export with a ticket number no call has used. */
const ticketFile = () => `${HEADER}\nAZ${Date.now().toString(36)}${(++n).toString(36)},${today} 09:00,路灯不亮,城关镇,,办理中,,\n`;

async function build({ w, base, today: t, must }: Parameters<StagePart['build']>[0]) {
  today = t;
  const imp = await must(w.root.request('POST', `${base}/hotline/import?filename=a.csv`, ticketFile(), { 'content-type': 'text/csv' }), 'hotline import');
  w.ids.hotlineImport = imp.id;
}

export const part: StagePart = {
  build,
  table: {
    'GET /api/congresses/:congressId/hotline/mapping': { allow: READERS, req: (x) => ({ path: `${cg(x)}/hotline/mapping` }) },
    'PUT /api/congresses/:congressId/hotline/mapping': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/hotline/mapping`, body: DEFAULT_COLUMNS }) },
    'POST /api/congresses/:congressId/hotline/import/preview': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/hotline/import/preview`, body: ticketFile() }) },
    'POST /api/congresses/:congressId/hotline/import': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/hotline/import`, body: ticketFile() }) },
    'GET /api/congresses/:congressId/hotline/imports': { allow: READERS, req: (x) => ({ path: `${cg(x)}/hotline/imports` }) },
  },
};
