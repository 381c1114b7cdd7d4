/**
 * The demo year's 12345 hotline (SPEC §13), through the real raw-upload route as the office would: about forty tickets
 * of the year about the township, exported twice by the hotline system —
 * - mid-year, an xlsx of the tickets so far (the older ones 已办结, the recent ones 办理中);
 * - today, a GBK CSV of every ticket of the year (Excel's "CSV" on a Chinese Windows): the mid-year tickets again,
 *   those still open then now closed and rated, and the newer ones — the import updates, never duplicates.
 * Tickets go to the township's departments by name (镇建设管理办, 镇水务站 …) or wait for triage when the hotline
 * named an office the township does not have (县供电公司); a few were called in by representatives (their phones on
 * the roster) and are marked as theirs; three callers were 不满意 and those tickets go on the key-item list.
 *
 * Call after the roster and departments exist and the calendar is uploaded (deadlines count its holidays); before or
 * after the items part.
 */
import ExcelJS from 'exceljs';
import { addDays, shanghaiToday } from '../../shared/time.ts';
import type { HotlineImport } from '../../shared/hotline/schema.ts';
import type { Caller, DemoApp } from './api.ts';
import { shanghai } from './clock.ts';
import type { Story } from './year.ts';

const HEADER = ['工单编号', '来电时间', '诉求内容', '所属区域', '承办单位', '办理状态', '满意度评价', '来电号码'];

/** What residents call 12345 about in a township, and the office the hotline sends it to. */
const REQUESTS: [string, string, string][] = [
  ['青山社区幸福路路灯连续一周不亮，夜间出行不便，老人晚上不敢出门。', '青山社区', '镇建设管理办'],
  ['河东村自来水水压不足，三楼以上住户白天基本无水。', '河东村', '镇水务站'],
  ['石桥村至镇区公交班次太少，下午四点后就没有车。', '石桥村', '县交通运输局青山站'],
  ['河西村村口道路破损严重，雨天积水，电动车容易摔倒。', '河西村', '镇建设管理办'],
  ['青山社区农贸市场早上五点开始卸货，噪音扰民。', '青山社区', '镇社会事务办（民政）'],
  ['镇卫生院周末儿科没有医生坐诊，孩子发烧只能去县城。', '青山社区', '镇卫生院'],
  ['河东村多次停电，每次停电前没有通知。', '河东村', '县供电公司'],
  ['镇中心学校门口上下学时段车辆乱停，存在安全隐患。', '青山社区', '镇中心学校'],
  ['石桥村垃圾收集点三天未清运，气味很大。', '石桥村', '镇农业农村办'],
  ['河西村灌溉水渠堵塞，影响秧田放水。', '河西村', '镇水务站'],
  ['镇区新建小区燃气一直未通，冬天做饭取暖困难。', '青山社区', '县燃气公司'],
  ['青山社区老旧小区楼道灯坏了无人修。', '青山社区', '镇建设管理办'],
  ['河东村路口缺少减速带，货车车速很快。', '河东村', '县交通运输局青山站'],
  ['镇敬老院床位紧张，申请排队半年没有消息。', '青山社区', '镇社会事务办（民政）'],
  ['石桥村小学旁的小卖部出售过期食品。', '石桥村', '县市场监管局'],
  ['河西村村民反映低保评定不公开。', '河西村', '镇社会事务办（民政）'],
  ['青山社区公园健身器材损坏，有安全隐患。', '青山社区', '镇建设管理办'],
  ['河东村田间道路硬化后两侧排水沟未修，雨后冲毁。', '河东村', '镇农业农村办'],
  ['镇卫生院预约挂号电话总是打不通。', '青山社区', '镇卫生院'],
  ['石桥村山塘堤坝有渗水，汛期担心出险。', '石桥村', '镇水务站'],
];
const OPEN = '办理中';
const CLOSED = '已办结';

type Ticket = { no: string; day: string; time: string; content: string; area: string; department: string; phone: string; unsatisfied: boolean; grade: string };

/** About forty tickets spread over the year up to `until`, numbered as the hotline numbers them. */
function ticketsOf(year: number, until: string, repPhones: string[]): Ticket[] {
  const first = `${year}-01-08`;
  const span = Math.max(1, Math.floor((Date.parse(until) - Date.parse(first)) / 86_400_000) - 3);
  const out: Ticket[] = [];
  for (let i = 0; i < 40; i++) {
    const day = addDays(first, Math.floor((span * i) / 40));
    const [content, area, department] = REQUESTS[(i * 7) % REQUESTS.length];
    const hour = 8 + ((i * 5) % 10);
    const minute = (i * 17) % 60;
    // Every ninth ticket was called in by a representative (their phone as the roster has it); three callers are unsatisfied.
    const phone = i % 9 === 4 && repPhones.length ? repPhones[Math.floor(i / 9) % repPhones.length] : `1357${String(3000000 + i * 7919).slice(-7)}`;
    const unsatisfied = i === 6 || i === 17 || i === 29;
    const grade = unsatisfied ? '不满意' : ['满意', '满意', '基本满意', '未评价'][i % 4];
    out.push({ no: `QS${year}${String(i + 1).padStart(5, '0')}`, day, time: `${day} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`, content, area, department, phone, unsatisfied, grade });
  }
  return out;
}

/** Offices above the township: the hotline keeps their tickets open, and here they wait for the office's triage. */
const ABOVE = new Set(['县供电公司', '县燃气公司', '县市场监管局']);

/** A ticket as the hotline's export says it on `asOf`: closed (and rated) 20 days after the call, open before that. */
function rowOf(t: Ticket, asOf: string): string[] {
  const closed = !ABOVE.has(t.department) && addDays(t.day, 20) <= asOf;
  return [t.no, t.time, t.content, t.area, t.department, closed ? CLOSED : OPEN, closed ? t.grade : '', t.phone];
}

async function xlsxOf(rows: string[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('工单明细');
  ws.addRow(HEADER);
  // The call time as a date cell, the way the hotline system exports it.
  for (const r of rows) {
    const [d, hm] = r[1].split(' ');
    const [y, m, day] = d.split('-').map(Number);
    const [h, mi] = hm.split(':').map(Number);
    ws.addRow([r[0], new Date(Date.UTC(y, m - 1, day, h, mi)), ...r.slice(2)]);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
/** The CSV in GBK, as Excel on a Chinese Windows saves it. */
const gbkCsvOf = (rows: string[][]) => encodeGbk([HEADER, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n');

/** GBK bytes of a text: every character of the demo's words is in GBK, so a table of them is built once from the decoder. */
function encodeGbk(text: string): Uint8Array {
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`demo: ${ch} is not in GBK`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

/** The raw file through the real route (the demo's callers speak JSON). */
async function importFile(api: DemoApp, who: Caller, congressId: string, bytes: Uint8Array, filename: string, type: string): Promise<HotlineImport> {
  const res = await api.app.request(`/api/congresses/${congressId}/hotline/import?filename=${encodeURIComponent(filename)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${who.token}`, 'content-type': type, 'x-forwarded-for': who.ip, 'accept-language': 'zh-CN' },
    body: bytes as Uint8Array<ArrayBuffer>,
  });
  if (res.status >= 300) throw new Error(`demo: hotline import ${filename} → ${res.status} ${await res.text()}`);
  return (await res.json()) as HotlineImport;
}

export type HotlineDemo = { tickets: number; imports: HotlineImport[] };

/** Two imports of the year's 12345 export (mid-year xlsx, today's GBK CSV). */
export async function loadHotlineDemo(api: DemoApp, story: Story, congressId: string, year: number, password: string): Promise<HotlineDemo> {
  const staff = await api.caller().login('staff', password);
  const today = shanghaiToday();
  const until = [`${year}-12-28`, today].sort()[0];
  const reps = (await staff.get(`/congresses/${congressId}/representatives`)) as { phone: string; status: string }[];
  const repPhones = reps.filter((r) => r.status === 'seated' && r.phone).map((r) => r.phone).slice(0, 4);
  const tickets = ticketsOf(year, until, repPhones);
  // Mid-year: the tickets so far, as the hotline saw them then.
  const mid = tickets[Math.floor(tickets.length / 2)].day;
  story.clock.set(shanghai(mid, '16:30'));
  const first = await importFile(api, staff, congressId, await xlsxOf(tickets.filter((t) => t.day <= mid).map((t) => rowOf(t, mid))), `12345工单_${year}上半年.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  // Today: the whole year again, in GBK.
  story.clock.set(shanghai(until, '10:00'));
  const second = await importFile(api, staff, congressId, gbkCsvOf(tickets.map((t) => rowOf(t, until))), `12345工单_${year}全年.csv`, 'text/csv');
  await story.warp();
  return { tickets: tickets.length, imports: [first, second] };
}
