import { count, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/platform/db/client';
import { departments, users } from '@/platform/auth/schema';
import { appendAudit } from '@/platform/audit/write';
import { todayInShanghai } from '@/ui/format';
import { incomingAssignments, incomingDocuments, incomingSteps } from './schema';
import { nextReceiptNo } from './counters';
import { addDays, type TIncomingState, type TStep } from './rules';

/**
 * 演示数据 for 收文: six documents, one in each state, registered and handled by the demo users
 * (王经办 registers, 李科长 proposes, assigns and completes, 张主任 instructs, departments handle,
 * 陈档案 archives); one of them has an overdue part. Every row is_demo. Skipped when demo 收文
 * exist already or the demo users are missing.
 */
interface DemoDoc {
  title: string;
  senderOrg: string;
  senderNo: string | null;
  docType: string;
  urgency: string;
  secrecy: string;
  ageDays: number;
  state: TIncomingState;
  parts?: { dept: string; dueIn: number; done?: string }[];
  reply?: string;
}

const DOCS: DemoDoc[] = [
  { title: '关于做好2026年度土地储备计划编制工作的通知', senderOrg: '益阳市自然资源和规划局', senderNo: '益自然资发〔2026〕21号', docType: '通知', urgency: '加急', secrecy: '公开', ageDays: 1, state: 'registered' },
  { title: '关于申请收回龙岭工业园闲置土地的请示', senderOrg: '赫山区人民政府', senderNo: '赫政〔2026〕15号', docType: '请示', urgency: '平件', secrecy: '内部', ageDays: 3, state: 'proposed' },
  { title: '关于商请提供储备土地权属资料的函', senderOrg: '益阳市不动产登记中心', senderNo: '益不动产函〔2026〕6号', docType: '函', urgency: '平件', secrecy: '公开', ageDays: 5, state: 'instructed' },
  {
    title: '关于开展储备土地临时利用情况专项检查的通知',
    senderOrg: '益阳市自然资源和规划局',
    senderNo: '益自然资办发〔2026〕9号',
    docType: '通知',
    urgency: '特急',
    secrecy: '内部',
    ageDays: 12,
    state: 'handling',
    parts: [
      { dept: 'SCK', dueIn: -2 },
      { dept: 'KFK', dueIn: 3, done: '已完成开发科管护地块的临时利用情况自查，无违规搭建。' },
    ],
  },
  {
    title: '关于报送2025年度土地储备资金使用情况的通知',
    senderOrg: '益阳市财政局',
    senderNo: '益财综〔2026〕4号',
    docType: '通知',
    urgency: '平件',
    secrecy: '公开',
    ageDays: 30,
    state: 'completed',
    parts: [{ dept: 'CWK', dueIn: -15, done: '已汇总2025年度资金收支并按表报送。' }],
    reply: '关于2025年度土地储备资金使用情况的报告',
  },
  {
    title: '关于2025年度土地储备工作考核结果的通报',
    senderOrg: '益阳市人民政府办公室',
    senderNo: '益政办函〔2026〕2号',
    docType: '其他',
    urgency: '平件',
    secrecy: '公开',
    ageDays: 60,
    state: 'archived',
    parts: [{ dept: 'ZHK', dueIn: -50, done: '已组织全中心传达学习。' }],
  },
];

const ORDER: TIncomingState[] = ['registered', 'proposed', 'instructed', 'handling', 'completed', 'archived'];

export async function seedIncomingDemo(db: Db, now = new Date()): Promise<{ documents: number } | null> {
  const [{ n }] = await db.select({ n: count() }).from(incomingDocuments).where(eq(incomingDocuments.isDemo, true));
  if (n > 0) return null;
  const people = new Map(
    (await db.select({ id: users.id, username: users.username, name: users.displayName, departmentId: users.departmentId }).from(users).where(inArray(users.username, ['clerk', 'chief', 'leader', 'finance', 'archivist']))).map((u) => [u.username, u]),
  );
  const deptRows = await db.select({ id: departments.id, code: departments.code, name: departments.name }).from(departments);
  const depts = new Map(deptRows.map((d) => [d.code, d.id]));
  const deptName = new Map(deptRows.map((d) => [d.code, d.name]));
  if (people.size < 5 || !['SCK', 'KFK', 'CWK', 'ZHK'].every((c) => depts.has(c))) return null;
  const who = (u: string) => people.get(u)!;
  const today = todayInShanghai(now);
  const at = (daysAgo: number, hour: number) => new Date(Date.parse(`${addDays(today, -daysAgo)}T${String(hour).padStart(2, '0')}:00:00+08:00`));
  await db.transaction(async (tx) => {
    for (const d of DOCS) {
      const reached = (s: TIncomingState) => ORDER.indexOf(d.state) >= ORDER.indexOf(s);
      const { seq, receiptNo } = await nextReceiptNo(tx, Number(today.slice(0, 4)));
      const t = (k: number) => at(Math.max(0, d.ageDays - k), 9 + k);
      const [doc] = await tx
        .insert(incomingDocuments)
        .values({
          receiptNo,
          receiptYear: Number(today.slice(0, 4)),
          receiptSeq: seq,
          senderOrg: d.senderOrg,
          senderNo: d.senderNo,
          title: d.title,
          docType: d.docType,
          urgency: d.urgency,
          secrecy: d.secrecy,
          receivedOn: addDays(today, -d.ageDays),
          writtenOn: addDays(today, -d.ageDays - 2),
          pageCount: 3,
          summary: `${d.senderOrg}来文（演示数据）。`,
          state: d.state,
          registeredBy: who('clerk').id,
          proposal: reached('proposed') ? '拟请中心领导阅示，由相关科室办理。' : null,
          proposedBy: reached('proposed') ? who('chief').id : null,
          proposedAt: reached('proposed') ? t(1) : null,
          instruction: reached('instructed') ? '同意，请相关科室按期办理。' : null,
          instructedBy: reached('instructed') ? who('leader').id : null,
          instructedAt: reached('instructed') ? t(2) : null,
          completionNote: reached('completed') ? '各科室已办理完毕。' : null,
          replyDocTitle: d.reply ?? null,
          completedBy: reached('completed') ? who('chief').id : null,
          completedAt: reached('completed') ? t(8) : null,
          archivedBy: reached('archived') ? who('archivist').id : null,
          archivedAt: reached('archived') ? t(9) : null,
          isDemo: true,
          createdAt: t(0),
        })
        .returning({ id: incomingDocuments.id });
      const step = (action: TStep, from: TIncomingState | null, to: TIncomingState, user: string, k: number, opinion: string | null, departmentId: string | null = null) =>
        tx.insert(incomingSteps).values({ documentId: doc.id, action, fromState: from, toState: to, actorId: who(user).id, actorName: who(user).name, opinion, departmentId, createdAt: t(k) });
      await step('register', null, 'registered', 'clerk', 0, null);
      if (reached('proposed')) await step('propose', 'registered', 'proposed', 'chief', 1, '拟请中心领导阅示，由相关科室办理。');
      if (reached('instructed')) await step('instruct', 'proposed', 'instructed', 'leader', 2, '同意，请相关科室按期办理。');
      if (d.parts) {
        await step('assign', 'instructed', 'handling', 'chief', 3, `分办至 ${d.parts.map((p) => `${deptName.get(p.dept)}（期限 ${addDays(today, p.dueIn)}）`).join('、')}`);
        for (const [i, p] of d.parts.entries()) {
          const departmentId = depts.get(p.dept)!;
          const handler = [...people.values()].find((u) => u.departmentId === departmentId) ?? who('clerk');
          await tx.insert(incomingAssignments).values({
            documentId: doc.id,
            departmentId,
            dueOn: addDays(today, p.dueIn),
            request: '请按期办理并反馈。',
            status: p.done ? 'done' : 'pending',
            assignedBy: who('chief').id,
            assignedAt: t(3),
            handlingNote: p.done ?? null,
            handledBy: p.done ? handler.id : null,
            handledAt: p.done ? t(4 + i) : null,
          });
          if (p.done) await step('handle', 'handling', 'handling', handler.username, 4 + i, p.done, departmentId);
        }
      }
      if (reached('completed')) await step('complete', 'handling', 'completed', 'chief', 8, ['各科室已办理完毕。', d.reply ? `复文：${d.reply}` : null].filter(Boolean).join('；'));
      if (reached('archived')) await step('archive', 'completed', 'archived', 'archivist', 9, null);
    }
    await appendAudit(tx, { action: '生成演示数据', objectType: '系统', result: '成功', message: `演示数据：新增收文 ${DOCS.length} 件` });
  });
  return { documents: DOCS.length };
}
