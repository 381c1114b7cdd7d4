import { shanghaiDate } from '../../shared/gathering/window.ts';
import type { Tx } from '../db/client.ts';
import { collectionWindows, type congresses, type departments } from '../db/schema/index.ts';
import type { Actor } from '../lib/audit.ts';
import { createList, freezeList } from '../gathering/lists.ts';
import { emptyChecks, submitProposal } from '../gathering/proposals.ts';
import { acceptProposal, mergeProposal, recordChecks, rejectProposal } from '../gathering/screening.ts';

const P = (title: string, category: string, location: string, investment: string, channel: string, description: string) => ({ title, category, location, investment, channel, description });
const PROPOSALS = [
  P('青山社区老旧小区加装电梯', 'elderly_care', '青山社区', '360.00', 'resident_online', '社区 6 栋多层住宅老人多，上下楼困难，建议加装电梯。'),
  P('河东村至镇区道路硬化', 'transport', '河东村', '185.00', 'liaison_station', '道路坑洼，雨天难行，建议硬化 2.3 公里。'),
  P('石桥村自来水管网改造', 'water', '石桥村', '240.00', 'representative', '管网老化漏水严重，夏季常停水。'),
  P('镇卫生院添置数字化 X 光机', 'health', '镇区', '95.50', 'department', '现有设备老化，村民需到县城拍片。'),
  P('中心学校塑胶操场改造', 'education', '镇区', '150.00', 'hotline_12345', '煤渣跑道扬尘，学生体育课受影响。'),
  P('河西村安装太阳能路灯', 'transport', '河西村', '48.00', 'resident_online', '村内主干道无路灯，夜间出行不安全。'),
  P('滨河生态公园一期', 'environment', '青山社区', '420.00', 'government', '沿河建设步道和绿地。'),
  P('河东村道路硬化改造', 'transport', '河东村二组', '160.00', 'resident_online', '河东村道路需要硬化。'),
  P('新建镇文化活动中心办公楼', 'culture', '镇区', '800.00', 'resident_online', '建设文化中心及配套办公楼。'),
  P('居家养老服务站', 'elderly_care', '河西村', '60.00', 'liaison_station', '为独居老人提供助餐、助浴服务。'),
];

/** The gathering part of the demo year: a window, proposals from every channel, screening, and a frozen list. */
export async function loadGatheringDemo(tx: Tx, actor: NonNullable<Actor>, congress: typeof congresses.$inferSelect, deps: (typeof departments.$inferSelect)[]) {
  const year = Number(shanghaiDate().slice(0, 4));
  const day = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);
  await tx.insert(collectionWindows).values({ congressId: congress.id, year, opensOn: day(-40), closesOn: day(20) });
  const rows = [];
  for (const p of PROPOSALS) {
    rows.push(
      await submitProposal(tx, {
        congressId: congress.id,
        input: {
          title: p.title,
          description: p.description,
          category: p.category,
          location: p.location,
          estimatedInvestment: p.investment,
          beneficiaries: `${p.location}群众`,
          channel: p.channel,
          station: p.channel === 'liaison_station' ? `${p.location}代表联络站` : '',
          submitterName: p.channel === 'resident_online' ? '居民' : '',
          submitterContact: p.channel === 'resident_online' ? '13800000000' : '',
          submittedBy: null,
        },
        files: [],
        actor: p.channel === 'resident_online' ? null : actor,
        requireOpen: false,
      }),
    );
  }
  const ctx = { tx, actor, congress };
  const passed = { ...emptyChecks() };
  for (const k of Object.keys(passed) as (keyof typeof passed)[]) passed[k] = { result: 'pass', note: '' };
  const candidateIds: string[] = [];
  for (const [i, lead] of [[0, 2], [1, 4], [2, 2], [3, 5], [4, 6], [5, 3]] as const) {
    await recordChecks(ctx, rows[i].id, passed);
    const cand = await acceptProposal(
      ctx,
      rows[i].id,
      {
        title: rows[i].title,
        content: rows[i].description,
        leadDepartmentId: deps[lead].id,
        coDepartmentIds: [deps[0].id],
        plannedInvestment: PROPOSALS[i].investment,
        fundingSource: '镇级财政、上级补助',
        plannedCompletion: `${year}-12-20`,
        expectedOutcome: `${rows[i].location}群众受益`,
      },
      '',
    );
    candidateIds.push(cand.id);
  }
  await mergeProposal(ctx, rows[7].id, rows[1].id, '与“河东村至镇区道路硬化”重复，合并办理');
  await rejectProposal(ctx, rows[6].id, '用地尚未落实，转入储备库明年再议', true);
  await recordChecks(ctx, rows[8].id, passed);
  const listId = await createList(ctx, { title: `${year}年度民生实事候选项目`, year, seats: 5, candidateIds });
  await freezeList(ctx, listId, false);
}
