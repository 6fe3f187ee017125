import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/platform/db/client';
import type { Actor } from '@/platform/action';
import { users } from '@/platform/auth/schema';
import { loadIdentity, roleNamesOf } from '@/platform/auth/identity';
import { reserveProjects } from '@/modules/parcels/schema';
import { actOnDocument, createDocument } from './mutations';
import { documents } from './schema';
import type { TDocumentFieldsInput } from './validation';

/**
 * Demo 发文 (演示数据) in different states, made through the real mutations by the demo users
 * (王经办 drafts, 李科长 核稿, 张主任 签发, 陈档案 归档), then marked is_demo. Nothing happens when
 * demo documents exist already or the demo users are missing. Returns how many were made.
 */
export async function seedDocumentsDemo(db: Db): Promise<number> {
  const [existing] = await db.select({ id: documents.id }).from(documents).where(eq(documents.isDemo, true)).limit(1);
  if (existing) return 0;
  const rows = await db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(and(inArray(users.username, ['clerk', 'chief', 'leader', 'archivist']), eq(users.isDemo, true)));
  const actorOf = async (username: string): Promise<Actor | null> => {
    const row = rows.find((r) => r.username === username);
    const identity = row ? await loadIdentity(db, row.id) : null;
    if (!identity) return null;
    return { userId: identity.id, username: identity.username, displayName: identity.displayName, roleNames: roleNamesOf(identity), departmentId: identity.departmentId, permissions: identity.permissions, ip: null, requestId: 'demo-seed' };
  };
  const [clerk, chief, leader, archivist] = await Promise.all(['clerk', 'chief', 'leader', 'archivist'].map(actorOf));
  if (!clerk || !chief || !leader || !archivist) return 0;
  const projects = await db.select({ id: reserveProjects.id }).from(reserveProjects).where(eq(reserveProjects.isDemo, true)).limit(2);

  const base = (patch: Partial<TDocumentFieldsInput>): TDocumentFieldsInput => ({
    docType: '通知',
    title: '',
    issuingOrg: '益阳市土地储备中心',
    mainRecipients: '中心各科室',
    copyRecipients: null,
    urgency: '平件',
    secrecy: '内部',
    body: '',
    projectIds: [],
    ...patch,
  });
  const made: string[] = [];
  const must = async <T>(p: Promise<{ ok: true; data: T } | { ok: false; error: string }>): Promise<T> => {
    const r = await p;
    if (!r.ok) throw new Error(`公文演示数据生成失败：${r.error}`);
    return r.data;
  };
  const draft = async (fields: TDocumentFieldsInput) => {
    const { id } = await must(createDocument.execute(db, clerk, fields));
    made.push(id);
    return id;
  };
  const act = (a: Actor, id: string, step: string, decision: 'approve' | 'return' = 'approve', opinion?: string) => must(actOnDocument.execute(db, a, { id, expectedStepKey: step, decision, opinion }));

  // 1. Through the whole flow: 已归档.
  const archived = await draft(
    base({
      title: '关于开展土地储备项目年度自查工作的通知（演示）',
      body: '中心各科室：\n为加强土地储备项目管理，经研究，决定开展年度自查工作。请各科室对照储备计划、项目台账和地块档案逐项核查，并于本月底前将自查报告报送办公室。\n特此通知。',
      projectIds: projects.map((p) => p.id),
    }),
  );
  await act(clerk, archived, 'draft');
  await act(chief, archived, 'review', 'approve', '同意，请领导签发。');
  await act(leader, archived, 'issue', 'approve', '同意印发。');
  await act(clerk, archived, 'seal');
  await act(clerk, archived, 'distribute');
  await act(archivist, archived, 'archive', 'approve', '已归档。');
  // 2. Signed, waiting for 用印.
  const signed = await draft(base({ docType: '函', title: '关于商请提供储备地块规划条件的函（演示）', mainRecipients: '市自然资源和规划局', urgency: '加急', body: '市自然资源和规划局：\n因土地储备项目前期工作需要，商请贵局提供所附地块的规划条件。\n盼复。' }));
  await act(clerk, signed, 'draft');
  await act(chief, signed, 'review', 'approve', '同意。');
  await act(leader, signed, 'issue');
  // 3. Waiting for 签发.
  const pending = await draft(base({ docType: '请示', title: '关于申请下达土地储备专项资金的请示（演示）', mainRecipients: '市财政局', body: '市财政局：\n根据年度土地储备计划，现申请下达土地储备专项资金，用于征收补偿及前期开发。\n妥否，请批示。' }));
  await act(clerk, pending, 'draft');
  await act(chief, pending, 'review', 'approve', '资金测算已复核，同意上报。');
  // 4. Returned to the drafter with an opinion.
  const returned = await draft(base({ docType: '报告', title: '关于储备地块管护情况的报告（演示）', mainRecipients: '市自然资源和规划局', body: '现将储备地块管护情况报告如下：……' }));
  await act(clerk, returned, 'draft');
  await act(chief, returned, 'review', 'return', '请补充巡查次数和发现问题的整改情况。');
  // 5. A draft not yet submitted.
  await draft(base({ docType: '会议纪要', title: '土地储备工作例会纪要（演示）', body: '会议研究了本季度储备项目推进情况……' }));

  await db.update(documents).set({ isDemo: true }).where(inArray(documents.id, made));
  return made.length;
}
