import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database, Db } from '../../src/platform/db/client';
import { PERMISSION_DENIED, type Actor } from '../../src/platform/action';
import { resetConfigCache } from '../../src/platform/config';
import { auditLog } from '../../src/platform/audit/schema';
import { departments, users } from '../../src/platform/auth/schema';
import { filesRoot } from '../../src/platform/storage/file-store';
import { parcels, reserveProjects } from '../../src/modules/parcels/schema';
import { transitionParcel } from '../../src/modules/parcels/lifecycle/mutations';
import { attachEventDocument } from '../../src/modules/parcels/lifecycle/documents';
import { parcelEvents } from '../../src/modules/parcels/schema';
import { actOnDocument, createDocument, uploadDocumentAttachment } from '../../src/modules/documents/mutations';
import { archiveIncoming, registerIncoming, uploadIncomingAttachment } from '../../src/modules/documents/incoming/mutations';
import { incomingDocuments } from '../../src/modules/documents/incoming/schema';
import { todayInShanghai } from '../../src/ui/format';
import { createContract, setContractStatus, uploadContractAttachment } from '../../src/modules/contracts/mutations';
import { contracts } from '../../src/modules/contracts/schema';
import { approveEntry, createEntry, reviewEntry, submitEntry, uploadEntryAttachment } from '../../src/modules/funds/ledger/mutations';
import { SPENDING_WARNING_CODES } from '../../src/modules/funds/rules';
import { fundAccounts, ledgerEntries } from '../../src/modules/funds/schema';
import { archiveItemFiles, archiveItems, archivePending, archivePendingFiles } from '../../src/modules/archives/schema';
import { syncArchives } from '../../src/modules/archives/store';
import { archiveIdOf } from '../../src/modules/archives/queries';
import { collectContract, collectDocument } from '../../src/modules/archives/collect';
import { acceptPending, returnPending } from '../../src/modules/archives/pending';
import { listPending, countPending } from '../../src/modules/archives/pending-queries';
import { pendingArchiveTodos } from '../../src/modules/archives/todos';
import { ZPendingFilter } from '../../src/modules/archives/validation';
import { PENDING_DECIDED } from '../../src/modules/archives/collect-rules';
import { createTestDatabase } from '../helpers/db';
import { actorFor, createActor, enrolTotpForTest } from '../helpers/actors';
import { changedTables, snapshotDb } from '../helpers/db-snapshot';
import { createTestParcel, parcelRow } from '../helpers/parcels';

let database: Database;
const db = (): Db => database.db;
let clerk: Actor;
let chief: Actor;
let leader: Actor;
let finance: Actor;
let archivist: Actor;
let account: string;
let projectId: string;
let parcelId: string;
let documentId: string;
let contractId: string;
let entryId: string;
const ACK = [...SPENDING_WARNING_CODES];
const PDF = (text: string) => new TextEncoder().encode(`%PDF-1.4\n% ${text}\n%%EOF\n`);

async function ok<T>(p: Promise<{ ok: true; data: T } | { ok: false; error: string }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`unexpected refusal: ${r.error}`);
  return r.data;
}

function storedFileCount(): number {
  let n = 0;
  for (const dir of readdirSync(filesRoot())) n += readdirSync(join(filesRoot(), dir)).length;
  return n;
}

async function pendingOf(sourceType: string, sourceId: string) {
  const [row] = await db().select().from(archivePending).where(and(eq(archivePending.sourceType, sourceType), eq(archivePending.sourceId, sourceId)));
  if (!row) return null;
  const files = await db().select().from(archivePendingFiles).where(eq(archivePendingFiles.pendingId, row.id)).orderBy(asc(archivePendingFiles.position));
  return { ...row, files };
}

beforeAll(async () => {
  process.env.DATA_DIR = mkdtempSync(join(tmpdir(), 'lr-archive-collect-'));
  resetConfigCache();
  database = await createTestDatabase();
  const [dept] = await db().insert(departments).values({ name: '办公室（归档测试）' }).returning();
  const inDept = async (a: Actor) => {
    await db().update(users).set({ departmentId: dept.id }).where(eq(users.id, a.userId));
    return actorFor(db(), a.userId);
  };
  clerk = await inDept(await createActor(db(), ['clerk']));
  chief = await inDept(await createActor(db(), ['chief']));
  leader = await createActor(db(), ['leader']);
  await enrolTotpForTest(db(), leader.userId);
  leader = await inDept(leader);
  finance = await createActor(db(), ['finance']);
  archivist = await inDept(await createActor(db(), ['archivist']));
  [{ id: account }] = await db().insert(fundAccounts).values({ sourceCode: 'other_fiscal', name: '归档测试财政专户' }).returning({ id: fundAccounts.id });
  ({ projectId, parcelId } = await createTestParcel(db()));
  await db().update(reserveProjects).set({ expectedIncome: '50000000' }).where(eq(reserveProjects.id, projectId));
  await syncArchives(db());
});
afterAll(async () => {
  await database?.close();
});

describe('预归档: records reach the 待归档 list when their business closes', () => {
  it('a parcel leaving 拟收储: the stage records (its opening event and files) go to the parcel archive, stage 计划', async () => {
    const [opening] = await db().select().from(parcelEvents).where(eq(parcelEvents.parcelId, parcelId));
    await ok(attachEventDocument.execute(db(), clerk, { eventId: opening.id, fileName: '收储计划批复.pdf', bytes: PDF('计划批复') }));
    const row = await parcelRow(db(), parcelId);
    const moved = await ok(transitionParcel.execute(db(), clerk, { parcelId, version: row.version, toStage: '收储中', eventDate: '2025-03-01', docNo: '益政函〔2025〕8号' }));
    const p = await pendingOf('地块环节', moved.eventId);
    expect(p).toMatchObject({ archiveId: await archiveIdOf(db(), '地块', parcelId), stage: '计划', status: '待归档', itemDate: '2025-01-10', category: '权属资料', retention: '永久', secrecy: '内部' });
    expect(p!.title).toContain('「拟收储」环节资料');
    expect(p!.files.map((f) => f.fileName)).toEqual(['收储计划批复.pdf']);
  });

  it('a refused transition collects nothing (same transaction)', async () => {
    const before = await db().select().from(archivePending);
    const row = await parcelRow(db(), parcelId);
    const r = await transitionParcel.execute(db(), clerk, { parcelId, version: row.version, toStage: '已入库', eventDate: '2025-03-02' });
    expect(r.ok).toBe(false);
    expect(await db().select().from(archivePending)).toHaveLength(before.length);
  });

  it('a 发文 reaching 归档 goes to its linked parcel archive, stage 公文合同, with its 发文字号 and attachments', async () => {
    const { id } = await ok(
      createDocument.execute(db(), clerk, {
        docType: '通知',
        title: '关于测试地块收储有关事项的通知',
        issuingOrg: '益阳市土地储备中心',
        mainRecipients: '各科室',
        copyRecipients: null,
        urgency: '平件',
        secrecy: '内部',
        docDate: '',
        body: '各科室：\n请做好收储工作。',
        skipCountersign: false,
        planIds: [],
        projectIds: [projectId],
        parcelIds: [parcelId],
      }),
    );
    documentId = id;
    await ok(uploadDocumentAttachment.execute(db(), clerk, { documentId: id, fileName: '通知正文.pdf', bytes: PDF('通知正文') }));
    const act = (a: Actor, step: string) => ok(actOnDocument.execute(db(), a, { id, expectedStepKey: step, decision: 'approve' }));
    await act(clerk, 'draft');
    await act(chief, 'review');
    const issued = await act(leader, 'issue');
    await act(clerk, 'seal');
    await act(clerk, 'distribute');
    expect(await pendingOf('发文', id)).toBeNull();
    await act(archivist, 'archive');
    const p = await pendingOf('发文', id);
    expect(p).toMatchObject({ archiveId: await archiveIdOf(db(), '地块', parcelId), stage: '公文合同', status: '待归档', category: '批复文件', retention: '永久' });
    expect(p!.description).toContain(`发文字号：${issued.docNo}`);
    expect(p!.files.map((f) => f.fileName)).toEqual(['通知正文.pdf']);
  });

  it('an approved payment (记账凭证) goes with its voucher files to the project archive, stage 资金, 30年', async () => {
    const c = await ok(
      createContract.execute(db(), clerk, {
        contractNo: 'HT-GD-2025-001',
        name: '场地平整工程施工合同',
        contractType: '工程施工',
        ourParty: '益阳市土地储备中心',
        counterparty: '益阳某建设工程有限公司',
        counterpartyCreditCode: '91350100M000100Y43',
        amount: '100000.00',
        signedOn: '2025-01-10',
        startOn: '2025-01-15',
        endOn: '2025-12-31',
        projectId,
        parcelIds: [],
        workPackageIds: [],
      }),
    );
    contractId = c.id;
    const version = async () => (await db().select().from(contracts).where(eq(contracts.id, contractId)))[0].version;
    await ok(setContractStatus.execute(db(), leader, { id: contractId, version: await version(), status: 'effective' }));
    const e = await ok(
      createEntry.execute(db(), clerk, { direction: 'expense', entryDate: '2025-03-10', amount: '30000.00', category: '前期开发', sourceCode: 'other_fiscal', projectId, contractId, description: '工程进度款', voucherNo: '记-2025-031' }),
    );
    entryId = e.id;
    await ok(uploadEntryAttachment.execute(db(), clerk, { entryId, fileName: '付款凭证.pdf', bytes: PDF('凭证') }));
    const ev = async () => (await db().select().from(ledgerEntries).where(eq(ledgerEntries.id, entryId)))[0].version;
    await ok(submitEntry.execute(db(), clerk, { id: entryId, version: await ev() }));
    await ok(reviewEntry.execute(db(), chief, { id: entryId, version: await ev(), acknowledged: ACK }));
    expect(await pendingOf('记账凭证', entryId)).toBeNull();
    const approved = await ok(approveEntry.execute(db(), finance, { id: entryId, version: await ev(), accountId: account, acknowledged: ACK }));
    expect(approved.status).toBe('approved');
    const p = await pendingOf('记账凭证', entryId);
    expect(p).toMatchObject({ archiveId: await archiveIdOf(db(), '项目', projectId), stage: '资金', category: '财务凭证', retention: '30年', itemDate: '2025-03-10' });
    expect(p!.title).toBe('前期开发：工程进度款（支出 30000.00 元）');
    expect(p!.files.map((f) => f.fileName)).toEqual(['付款凭证.pdf']);
  });

  it('a contract 履行完毕 goes with its attachments to the project archive, stage 公文合同, 永久', async () => {
    await ok(uploadContractAttachment.execute(db(), clerk, { contractId, fileName: '合同扫描件.pdf', bytes: PDF('合同') }));
    const [c] = await db().select().from(contracts).where(eq(contracts.id, contractId));
    await ok(setContractStatus.execute(db(), leader, { id: contractId, version: c.version, status: 'completed' }));
    const p = await pendingOf('合同', contractId);
    expect(p).toMatchObject({ archiveId: await archiveIdOf(db(), '项目', projectId), stage: '公文合同', category: '合同协议', retention: '永久', title: 'HT-GD-2025-001 场地平整工程施工合同', itemDate: '2025-01-10' });
    expect(p!.files.map((f) => f.fileName)).toEqual(['合同扫描件.pdf']);
  });

  it('collection is idempotent per source: a second call changes nothing', async () => {
    const before = await snapshotDb(db());
    expect(await db().transaction((tx) => collectContract(tx, contractId))).toBeNull();
    expect(await db().transaction((tx) => collectDocument(tx, documentId))).toBeNull();
    expect(changedTables(before, await snapshotDb(db()))).toEqual([]);
  });

  it('a 收文 归档 goes to its project archive when it names no parcel, with its 收文编号 in the description', async () => {
    const today = todayInShanghai();
    const reg = await ok(
      registerIncoming.execute(db(), clerk, { senderOrg: '益阳市自然资源和规划局', senderNo: '益自然资发〔2026〕8号', title: '关于报送土地储备计划执行情况的通知', docType: '通知', urgency: '加急', secrecy: '内部', receivedOn: today, writtenOn: today, pageCount: '4', summary: '请按时报送。', projectId }),
    );
    await ok(uploadIncomingAttachment.execute(db(), clerk, { documentId: reg.id, fileName: '来文扫描件.pdf', bytes: PDF('来文') }));
    // The handling steps are incoming-documents.test.ts's: here the 收文 is 办结 already.
    await db().update(incomingDocuments).set({ state: 'completed' }).where(eq(incomingDocuments.id, reg.id));
    await ok(archiveIncoming.execute(db(), archivist, { id: reg.id }));
    const p = await pendingOf('收文', reg.id);
    expect(p).toMatchObject({ archiveId: await archiveIdOf(db(), '项目', projectId), stage: '公文合同', retention: '30年', department: '益阳市自然资源和规划局', pageCount: 4 });
    expect(p!.description).toContain('收文编号：');
    expect(p!.files.map((f) => f.fileName)).toEqual(['来文扫描件.pdf']);
  });

  it('the archivist sees the count on the workbench; others do not', async () => {
    expect(await countPending(db())).toBe(5);
    expect(await pendingArchiveTodos(db(), archivist)).toMatchObject([{ key: 'archive-pending', count: 5, path: '/archives/pending' }]);
    expect(await pendingArchiveTodos(db(), clerk)).toEqual([]);
  });
});

describe('接收归档 and 退回', () => {
  it('refuses users without archive:manage, and bad input, in Chinese and writing nothing', async () => {
    const { rows } = await listPending(db(), ZPendingFilter.parse({}));
    const before = await snapshotDb(db());
    expect(await acceptPending.execute(db(), clerk, { items: [{ id: rows[0].id }] })).toMatchObject({ ok: false, error: PERMISSION_DENIED });
    expect(await returnPending.execute(db(), finance, { id: rows[0].id, reason: '缺少签字页' })).toMatchObject({ ok: false, error: PERMISSION_DENIED });
    const cases: [unknown, RegExp][] = [
      [{ items: [] }, /请选择要接收归档的记录/],
      [{}, /请选择要接收归档的记录/],
      [{ items: [{ id: rows[0].id }, { id: rows[0].id }] }, /不能重复提交/],
      [{ items: [{ id: rows[0].id, retention: '100年' }] }, /请选择有效的保管期限/],
      [{ items: [{ id: rows[0].id, secrecy: '绝密' }] }, /请选择有效的密级/],
      [{ items: [{ id: rows[0].id }, { id: 'no-such-pending' }] }, /待归档记录不存在/],
      [{ items: [{ id: '../../etc' }] }, /待归档记录标识无效/],
    ];
    for (const [input, message] of cases) {
      const r = await acceptPending.execute(db(), archivist, input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error, JSON.stringify(input)).toMatch(message);
    }
    for (const [input, message] of [
      [{ id: rows[0].id, reason: '' }, /请填写退回原因/],
      [{ id: rows[0].id, reason: '   ' }, /请填写退回原因/],
      [{ id: rows[0].id }, /请填写退回原因/],
      [{ id: rows[0].id, reason: '缺' }, /退回原因至少需要 2 个字符/],
      [{ id: rows[0].id, reason: '长'.repeat(201) }, /退回原因不能超过 200 个字符/],
      [{ id: 'no-such-pending', reason: '缺少签字页' }, /待归档记录不存在/],
    ] as [unknown, RegExp][]) {
      const r = await returnPending.execute(db(), archivist, input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error, JSON.stringify(input)).toMatch(message);
    }
    expect(changedTables(before, await snapshotDb(db()))).toEqual([]);
  });

  it('accepts a batch: consecutive 档号 in 形成日期 order, files named by their sm3 (no new stored file), audited per item', async () => {
    const { rows } = await listPending(db(), ZPendingFilter.parse({}));
    const contractRow = rows.find((r) => r.sourceType === '合同')!;
    const docRow = rows.find((r) => r.sourceType === '发文')!;
    const voucherRow = rows.find((r) => r.sourceType === '记账凭证')!;
    const stored = storedFileCount();
    const res = await ok(
      acceptPending.execute(db(), archivist, {
        items: [
          { id: docRow.id, version: docRow.version },
          { id: contractRow.id, version: contractRow.version, secrecy: '公开' },
          { id: voucherRow.id, retention: '永久' },
        ],
      }),
    );
    const year = docRow.itemDate.slice(0, 4);
    // 合同 (2025-01-10) and 记账凭证 (2025-03-10, changed to 永久) then the 发文 (today): consecutive in their series.
    expect(res.accepted.map((a) => a.id)).toEqual([docRow.id, contractRow.id, voucherRow.id]);
    expect(res.accepted.map((a) => a.archiveNo)).toEqual([`Z001-WS·${year}-Y-${year === '2025' ? '0003' : '0001'}`, 'Z001-WS·2025-Y-0001', 'Z001-WS·2025-Y-0002']);
    expect(storedFileCount()).toBe(stored);
    const items = await db().select().from(archiveItems).where(inArray(archiveItems.id, res.accepted.map((a) => a.itemId)));
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get(res.accepted[1].itemId)).toMatchObject({ sourceType: '合同', sourceId: contractId, secrecy: '公开', retention: '永久', stage: '公文合同', acceptedBy: archivist.userId });
    expect(byId.get(res.accepted[2].itemId)).toMatchObject({ sourceType: '记账凭证', sourceId: entryId, retention: '永久', secrecy: '内部', stage: '资金' });
    for (const [a, row] of [
      [res.accepted[0], docRow],
      [res.accepted[1], contractRow],
    ] as const) {
      const files = await db().select().from(archiveItemFiles).where(eq(archiveItemFiles.itemId, a.itemId));
      const pend = await db().select().from(archivePendingFiles).where(eq(archivePendingFiles.pendingId, row.id));
      expect(files.map((f) => [f.fileName, f.sm3])).toEqual(pend.map((f) => [f.fileName, f.sm3]));
    }
    const decided = await db().select().from(archivePending).where(inArray(archivePending.id, [docRow.id, contractRow.id, voucherRow.id]));
    expect(decided.every((d) => d.status === '已归档' && d.itemId && d.decidedBy === archivist.userId)).toBe(true);
    const audits = await db().select().from(auditLog).where(and(eq(auditLog.action, '接收归档'), eq(auditLog.result, '成功')));
    expect(audits.map((a) => a.objectId).sort()).toEqual([docRow.id, contractRow.id, voucherRow.id].sort());
    const history = await listPending(db(), ZPendingFilter.parse({ status: '已归档' }));
    expect(history.rows.map((r) => r.archiveNo).sort()).toEqual(res.accepted.map((a) => a.archiveNo).sort());
  });

  it('refuses a second decision (accept or return) with 「该记录已由他人处理」 and rolls the whole batch back', async () => {
    const [done] = await db().select().from(archivePending).where(eq(archivePending.status, '已归档')).limit(1);
    const [waiting] = await db().select().from(archivePending).where(eq(archivePending.status, '待归档'));
    const before = await snapshotDb(db());
    expect(await acceptPending.execute(db(), archivist, { items: [{ id: waiting.id }, { id: done.id }] })).toMatchObject({ ok: false, error: PENDING_DECIDED });
    expect(await returnPending.execute(db(), archivist, { id: done.id, reason: '重复' })).toMatchObject({ ok: false, error: PENDING_DECIDED });
    expect(await acceptPending.execute(db(), archivist, { items: [{ id: waiting.id, version: waiting.version + 1 }] })).toMatchObject({ ok: false, error: PENDING_DECIDED });
    expect(changedTables(before, await snapshotDb(db()))).toEqual([]);
  });

  it('returns one with its reason; it then leaves the list and cannot be accepted', async () => {
    const [waiting] = await db().select().from(archivePending).where(eq(archivePending.status, '待归档'));
    await ok(returnPending.execute(db(), archivist, { id: waiting.id, version: waiting.version, reason: '  缺少收储计划批复的签字页  ' }));
    const [row] = await db().select().from(archivePending).where(eq(archivePending.id, waiting.id));
    expect(row).toMatchObject({ status: '已退回', returnReason: '缺少收储计划批复的签字页', decidedByName: archivist.displayName, itemId: null });
    expect(await acceptPending.execute(db(), archivist, { items: [{ id: waiting.id }] })).toMatchObject({ ok: false, error: PENDING_DECIDED });
    expect(await countPending(db())).toBe(1);
    const returned = await listPending(db(), ZPendingFilter.parse({ status: '已退回' }));
    expect(returned.rows.map((r) => r.returnReason)).toEqual(['缺少收储计划批复的签字页']);
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, '退回待归档记录'), eq(auditLog.objectId, waiting.id)));
    expect(audit.message).toContain('缺少收储计划批复的签字页');
  });

  it('concurrent acceptances of the same record: one wins, the other is refused', async () => {
    const parcel2 = await createTestParcel(db());
    await syncArchives(db());
    const row = await parcelRow(db(), parcel2.parcelId);
    const moved = await ok(transitionParcel.execute(db(), clerk, { parcelId: parcel2.parcelId, version: row.version, toStage: '收储中', eventDate: '2025-03-01', docNo: '益政函〔2025〕9号' }));
    const p = (await pendingOf('地块环节', moved.eventId))!;
    const results = await Promise.all([acceptPending.execute(db(), archivist, { items: [{ id: p.id }] }), acceptPending.execute(db(), archivist, { items: [{ id: p.id }] })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ error: PENDING_DECIDED });
    expect(await db().select().from(archiveItems).where(and(eq(archiveItems.sourceType, '地块环节'), eq(archiveItems.sourceId, moved.eventId)))).toHaveLength(1);
  });
});

describe('a 发文 without parcel or project is not collected', () => {
  it('collectDocument skips it', async () => {
    const { id } = await ok(
      createDocument.execute(db(), clerk, { docType: '通知', title: '无关联的通知', issuingOrg: '益阳市土地储备中心', mainRecipients: '各科室', copyRecipients: null, urgency: '平件', secrecy: '内部', docDate: '', body: '正文', skipCountersign: false, planIds: [], projectIds: [], parcelIds: [] }),
    );
    expect(await db().transaction((tx) => collectDocument(tx, id))).toBeNull();
    expect(await pendingOf('发文', id)).toBeNull();
    void parcels;
  });
});
