import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import { PERMISSION_DENIED, type Actor } from '../../src/platform/action';
import { auditLog } from '../../src/platform/audit/schema';
import { departments, users } from '../../src/platform/auth/schema';
import { flowHistory, flowState } from '../../src/platform/flow';
import {
  actOnDocument,
  createDocument,
  saveDocumentFlow,
  saveNumberRule,
  updateDocument,
  uploadDocumentAttachment,
} from '../../src/modules/documents/mutations';
import { documents } from '../../src/modules/documents/schema';
import { documentFlowFor } from '../../src/modules/documents/flows';
import { getDocument, listDocuments } from '../../src/modules/documents/queries';
import { documentTodos } from '../../src/modules/documents/todos';
import { ZDocumentFilter, type TDocumentFieldsInput } from '../../src/modules/documents/validation';
import { createTestDatabase } from '../helpers/db';
import { unlabelledAuditFields } from '../helpers/audit-labels';
import { actorFor, createActor, enrolTotpForTest, roleId } from '../helpers/actors';
import { todayInShanghai } from '../../src/ui/format';

let database: Database;
const db = () => database.db;
let clerk: Actor;
let clerk2: Actor;
let chiefA: Actor;
let chiefB: Actor;
let leader: Actor;
let archivist: Actor;
let auditor: Actor;
let deptA: string;
let deptB: string;

async function inDept(a: Actor, dept: string): Promise<Actor> {
  await db().update(users).set({ departmentId: dept }).where(eq(users.id, a.userId));
  return actorFor(db(), a.userId);
}

const fields = (patch: Partial<TDocumentFieldsInput> = {}): TDocumentFieldsInput => ({
  docType: '通知',
  title: '关于开展2026年度土地储备项目自查的通知',
  issuingOrg: '益阳市土地储备中心',
  mainRecipients: '各科室',
  copyRecipients: null,
  urgency: '平件',
  secrecy: '内部',
  docDate: '',
  body: '各科室：\n请于本月底前完成自查。',
  skipCountersign: false,
  planIds: [],
  projectIds: [],
  parcelIds: [],
  ...patch,
});

async function ok<T>(p: Promise<{ ok: true; data: T } | { ok: false; error: string }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`unexpected refusal: ${r.error}`);
  return r.data;
}
async function refusal(p: Promise<{ ok: boolean; error?: string }>): Promise<string> {
  const r = await p;
  if (r.ok) throw new Error('expected a refusal');
  return r.error as string;
}

const act = (a: Actor, id: string, step: string, decision: 'approve' | 'return' = 'approve', opinion?: string) =>
  actOnDocument.execute(db(), a, { id, expectedStepKey: step, decision, opinion });

beforeAll(async () => {
  database = await createTestDatabase();
  const [a] = await db().insert(departments).values({ name: '办公室（测试）' }).returning();
  const [b] = await db().insert(departments).values({ name: '财务科（测试）' }).returning();
  deptA = a.id;
  deptB = b.id;
  clerk = await inDept(await createActor(db(), ['clerk']), deptA);
  clerk2 = await inDept(await createActor(db(), ['clerk']), deptA);
  chiefA = await inDept(await createActor(db(), ['chief']), deptA);
  chiefB = await inDept(await createActor(db(), ['chief']), deptB);
  leader = await createActor(db(), ['leader']);
  await enrolTotpForTest(db(), leader.userId);
  leader = await inDept(leader, deptA);
  archivist = await inDept(await createActor(db(), ['archivist']), deptA);
  auditor = await createActor(db(), ['auditor']);
});
afterAll(async () => {
  await database?.close();
});

describe('发文 through the default flow', () => {
  it('drafts, submits, each step only by its holders, 签发 assigns the number, then 用印 → 分发 → 归档', async () => {
    expect(await refusal(createDocument.execute(db(), leader, fields()))).toBe(PERMISSION_DENIED);
    const { id } = await ok(createDocument.execute(db(), clerk, fields()));
    const flow = await documentFlowFor(db(), '通知');
    expect(flow.isDefault).toBe(false);
    expect(flow.steps.map((s) => s.name)).toEqual(['拟稿', '核稿', '签发', '用印', '分发', '归档']);
    // Only the drafter submits.
    expect(await refusal(act(clerk2, id, 'draft'))).toContain('由拟稿人');
    await ok(act(clerk, id, 'draft'));
    expect((await getDocument(db(), id))?.doc.status).toBe('审批中');
    // 核稿: not the clerk, not the auditor (no permission), not the leader (no role).
    expect(await refusal(act(clerk, id, 'review'))).toBe('您没有办理「核稿」的权限');
    expect(await refusal(act(auditor, id, 'review'))).toBe('您没有办理「核稿」的权限');
    expect(await refusal(act(leader, id, 'review'))).toBe('您不是「核稿」步骤的办理人');
    expect(await refusal(act(chiefA, id, 'issue'))).toBe('您没有办理「签发」的权限');
    await ok(act(chiefA, id, 'review', 'approve', '同意'));
    // 签发 by the leader only.
    expect(await refusal(act(chiefA, id, 'issue'))).toBe('您没有办理「签发」的权限');
    const issued = await ok(act(leader, id, 'issue', 'approve', '同意印发'));
    const year = todayInShanghai().slice(0, 4);
    expect(issued.docNo).toMatch(new RegExp(`^益土储发〔${year}〕\\d+号$`));
    const d = await getDocument(db(), id);
    expect(d?.doc.status).toBe('已签发');
    expect(d?.doc.signerName).toBe(leader.displayName);
    expect(d?.doc.docDate).toBe(todayInShanghai());
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.action, '签发公文')).orderBy(desc(auditLog.seq)).limit(1);
    expect(audit.message).toContain(issued.docNo!);
    // 用印 and 分发 by the clerk (办公室), 归档 by the archivist.
    expect(await refusal(act(leader, id, 'seal'))).toBe('您没有办理「用印」的权限');
    await ok(act(clerk2, id, 'seal'));
    await ok(act(clerk, id, 'distribute'));
    expect(await refusal(act(clerk, id, 'archive'))).toBe('您不是「归档」步骤的办理人');
    const done = await ok(act(archivist, id, 'archive'));
    expect(done.finished).toBe(true);
    expect((await getDocument(db(), id))?.doc.status).toBe('已归档');
    expect((await flowHistory(db(), 'document', id)).map((h) => h.stepName)).toEqual(['拟稿', '核稿', '签发', '用印', '分发', '归档']);
  });

  it('a signed document cannot be edited, nor its attachments changed', async () => {
    const { id } = await ok(createDocument.execute(db(), clerk, fields({ title: '签发后修改测试' })));
    await ok(act(clerk, id, 'draft'));
    await ok(act(chiefA, id, 'review'));
    // While in the flow: refused until returned.
    const before = (await getDocument(db(), id))!.doc;
    expect(await refusal(updateDocument.execute(db(), clerk, { ...fields({ title: '改' }), id, version: before.version }))).toBe('公文正在审批中，退回后方可修改');
    await ok(act(leader, id, 'issue'));
    const signed = (await getDocument(db(), id))!.doc;
    expect(await refusal(updateDocument.execute(db(), clerk, { ...fields({ title: '改标题' }), id, version: signed.version }))).toBe('已签发的公文不能修改');
    const pdf = new TextEncoder().encode('%PDF-1.4\n%test\n');
    expect(await refusal(uploadDocumentAttachment.execute(db(), clerk, { documentId: id, fileName: 'a.pdf', bytes: pdf }))).toBe('已签发的公文不能修改');
    const after = (await getDocument(db(), id))!.doc;
    expect(after.title).toBe('签发后修改测试');
    expect(after.body).toBe(signed.body);
  });

  it('a return needs an opinion, goes back to the drafter, who edits and resubmits', async () => {
    const { id } = await ok(createDocument.execute(db(), clerk, fields({ title: '退回测试' })));
    await ok(act(clerk, id, 'draft'));
    expect(await refusal(act(chiefA, id, 'review', 'return'))).toBe('退回须填写意见');
    await ok(act(chiefA, id, 'review', 'return', '请补充自查时限'));
    const d = await getDocument(db(), id);
    expect(d?.doc.status).toBe('已退回');
    expect(d?.history.at(-1)).toMatchObject({ decision: '退回', opinion: '请补充自查时限', actorName: chiefA.displayName });
    const todos = await documentTodos(db(), clerk);
    expect(todos.find((t) => t.key === 'documents-returned')?.refs.map((r) => r.id)).toContain(id);
    expect(await refusal(updateDocument.execute(db(), clerk2, { ...fields({ title: '他人修改' }), id, version: d!.doc.version }))).toContain('只有拟稿人');
    await ok(updateDocument.execute(db(), clerk, { ...fields({ title: '退回测试（已补充）', body: '请于6月30日前完成。' }), id, version: d!.doc.version }));
    await ok(act(clerk, id, 'draft', 'approve', '已补充'));
    expect((await getDocument(db(), id))?.doc.status).toBe('审批中');
    expect((await documentTodos(db(), chiefA)).find((t) => t.key === 'documents-pending')?.refs.map((r) => r.id)).toContain(id);
    const list = await listDocuments(db(), ZDocumentFilter.parse({ mine: '1' }), chiefA);
    expect(list.rows.map((r) => r.id)).toContain(id);
    expect(list.rows.find((r) => r.id === id)?.currentStepName).toBe('核稿');
  });
});

describe('flow settings', () => {
  it('会签 by two departments, skipped for a document that does not need it', async () => {
    const chief = await roleId(db(), 'chief');
    const current = await documentFlowFor(db(), '请示');
    const steps = [...current.steps];
    steps.splice(2, 0, { key: 'countersign', name: '会签', roleId: chief, mode: 'countersign', departmentIds: [deptA, deptB], optional: true });
    expect(await refusal(saveDocumentFlow.execute(db(), clerk, { docType: '请示', steps }))).toBe(PERMISSION_DENIED);
    await ok(saveDocumentFlow.execute(db(), chiefA, { docType: '请示', steps }));
    expect((await documentFlowFor(db(), '请示')).steps.map((s) => s.key)).toEqual(['draft', 'review', 'countersign', 'issue', 'seal', 'distribute', 'archive']);

    const { id } = await ok(createDocument.execute(db(), clerk, fields({ docType: '请示', title: '会签测试' })));
    await ok(act(clerk, id, 'draft'));
    await ok(act(chiefA, id, 'review'));
    const r1 = await ok(act(chiefA, id, 'countersign', 'approve', '办公室同意'));
    expect(r1.currentStepKey).toBe('countersign');
    expect(await refusal(act(chiefA, id, 'countersign'))).toBe('该步骤已由他人处理，请刷新后重试');
    const r2 = await ok(act(chiefB, id, 'countersign', 'approve', '财务科同意'));
    expect(r2.currentStepKey).toBe('issue');

    const skipped = await ok(createDocument.execute(db(), clerk, fields({ docType: '请示', title: '不会签', skipCountersign: true })));
    await ok(act(clerk, skipped.id, 'draft'));
    const r3 = await ok(act(chiefA, skipped.id, 'review'));
    expect(r3.currentStepKey).toBe('issue');
    expect((await flowState(db(), 'document', skipped.id))?.steps.map((s) => s.key)).not.toContain('countersign');
  });

  it('a flow without 签发, starting elsewhere or with a countersign without departments is refused', async () => {
    const current = await documentFlowFor(db(), '函');
    expect(await refusal(saveDocumentFlow.execute(db(), chiefA, { docType: '函', steps: current.steps.filter((s) => s.key !== 'issue') }))).toContain('须包含「签发」步骤');
    expect(await refusal(saveDocumentFlow.execute(db(), chiefA, { docType: '函', steps: current.steps.slice(1) }))).toContain('第一步须为「拟稿」');
    const bad = [...current.steps, { key: 'extra', name: '会签', roleId: current.steps[1].roleId, mode: 'countersign' as const, departmentIds: [] }];
    expect(await refusal(saveDocumentFlow.execute(db(), chiefA, { docType: '函', steps: bad }))).toContain('至少需要一个会签科室');
    expect((await documentFlowFor(db(), '函')).isDefault).toBe(true);
  });

  it('a number rule with a typo is refused; a good one numbers the next 签发', async () => {
    for (const [template, msg] of [
      ['益土储函〔{yaer}〕{seq}号', '「{yaer}」无法识别'],
      ['益土储函〔{year}〕号', '须包含序号 {seq}'],
      ['益土储函〔{year}{seq}号', '缺少「〕」'],
      ['益土储函〔{year}〕{seq号', '没有对应的「}」'],
    ]) {
      expect(await refusal(saveNumberRule.execute(db(), chiefA, { docType: '函', template }))).toContain(msg);
    }
    expect(await refusal(saveNumberRule.execute(db(), clerk, { docType: '函', template: '益土储函〔{year}〕{seq}号' }))).toBe(PERMISSION_DENIED);
    await ok(saveNumberRule.execute(db(), chiefA, { docType: '函', template: '益土储函〔{year}〕{seq:3}号' }));
    const { id } = await ok(createDocument.execute(db(), clerk, fields({ docType: '函', title: '函测试' })));
    await ok(act(clerk, id, 'draft'));
    await ok(act(chiefA, id, 'review'));
    const r = await ok(act(leader, id, 'issue'));
    expect(r.docNo).toBe(`益土储函〔${todayInShanghai().slice(0, 4)}〕001号`);
    const [row] = await db().select().from(documents).where(eq(documents.id, id));
    expect(row.docSeq).toBe(1);
  });
});

describe('bad input', () => {
  it('refuses an unknown type, a bad date, a missing title, a disguised attachment', async () => {
    expect(await refusal(createDocument.execute(db(), clerk, fields({ docType: '公告' as never })))).toBe('公文类型无效');
    expect(await refusal(createDocument.execute(db(), clerk, fields({ docDate: '2026-02-30' })))).toContain('成文日期格式应为');
    expect(await refusal(createDocument.execute(db(), clerk, fields({ title: '  ' })))).toBe('请填写标题');
    expect(await refusal(createDocument.execute(db(), clerk, fields({ projectIds: ['NOSUCHPROJECT'] })))).toContain('所选储备项目不存在');
    const { id } = await ok(createDocument.execute(db(), clerk, fields({ title: '附件测试' })));
    const exe = new TextEncoder().encode('MZ\x90\x00 not a pdf');
    expect(await refusal(uploadDocumentAttachment.execute(db(), clerk, { documentId: id, fileName: '通知.pdf', bytes: exe }))).toContain('按文件内容识别');
    expect((await getDocument(db(), id))?.attachments).toEqual([]);
  });
});

describe('list and export', () => {
  it('filters by keyword, type, state, year and department; exports the filtered rows', async () => {
    const year = Number(todayInShanghai().slice(0, 4));
    const list = (q: Record<string, string>) => listDocuments(db(), ZDocumentFilter.parse(q), chiefA);
    const all = await list({});
    expect(all.total).toBeGreaterThan(3);
    expect((await list({ q: '退回测试' })).rows.map((r) => r.title)).toEqual(['退回测试（已补充）']);
    expect((await list({ type: '请示' })).rows.every((r) => r.docType === '请示')).toBe(true);
    expect((await list({ status: '已归档' })).rows.every((r) => r.status === '已归档')).toBe(true);
    expect((await list({ year: String(year) })).total).toBe(all.total);
    expect((await list({ year: '1999' })).total).toBe(0);
    expect((await list({ dept: deptA })).total).toBe(all.total);
    expect((await list({ dept: deptB })).total).toBe(0);
    const byNo = await list({ sort: 'docNo', order: 'asc', status: '已签发' });
    expect(byNo.rows.length).toBeGreaterThan(0);
    const { exportDocumentsXlsx } = await import('../../src/modules/documents/export');
    const buffer = await exportDocumentsXlsx(db(), leader, ZDocumentFilter.parse({ type: '通知' }));
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('发文登记')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('发文字号');
    expect(sheet.rowCount - 1).toBe((await list({ type: '通知', size: '100' })).total);
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.action, '导出发文登记')).orderBy(desc(auditLog.seq)).limit(1);
    expect(audit.message).toContain('类型 通知');
  });
});

describe('audit', () => {
  it('every audited field of the 公文 actions has a Chinese name', async () => {
    expect(await unlabelledAuditFields(db())).toEqual([]);
  });
});

