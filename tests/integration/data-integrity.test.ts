import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Database } from '../../src/platform/db/client';
import { PERMISSION_DENIED, type Actor } from '../../src/platform/action';
import { resetConfigCache } from '../../src/platform/config';
import { decryptPersonal, encryptPersonal, getKeyRing, resetKeyRing } from '../../src/platform/crypto/keys';
import { userTotp } from '../../src/platform/auth/schema';
import { sealValue } from '../../src/platform/crypto/sealed';
import { auditLog } from '../../src/platform/audit/schema';
import { BUILTIN_ROLES } from '../../src/platform/permissions/catalog';
import { compensationParties, parcels, reserveProjects } from '../../src/modules/parcels/schema';
import { idNumberCheckChar } from '../../src/modules/parcels/rules';
import { createParty, revealPersonalInfo } from '../../src/modules/parcels/acquisition/mutations';
import { listCompensationParties } from '../../src/modules/parcels/acquisition/queries';
import { exportParcelsXlsx } from '../../src/modules/parcels/export';
import { ZParcelFilter } from '../../src/modules/parcels/validation';
import { fundAccounts, ledgerEntries } from '../../src/modules/funds/schema';
import { approveEntry, createEntry, reviewEntry } from '../../src/modules/funds/ledger/mutations';
import { getEntry, listEntries } from '../../src/modules/funds/ledger/queries';
import { exportLedgerXlsx } from '../../src/modules/funds/ledger/export';
import { checkLedgerEntry, findIntegrityProblemsOf, PENDING_TAG, tagEntries } from '../../src/modules/funds/ledger/integrity';
import { exportFundsXlsx } from '../../src/modules/funds/balances/export';
import { ZExportParams } from '../../src/modules/funds/balances/validation';
import { ZLedgerFilter } from '../../src/modules/funds/ledger/validation';
import { SPENDING_WARNING_CODES } from '../../src/modules/funds/rules';
import { describeRotation, rotateAll, writeNewKeyVersion } from '../../scripts/lib/keys-rotate';
import { createTestDatabase } from '../helpers/db';
import { createActor } from '../helpers/actors';

const ACK = [...SPENDING_WARNING_CODES];
const ID_A = '43090219900101123' + idNumberCheckChar('43090219900101123');
const ID_B = '11010519850505002' + idNumberCheckChar('11010519850505002');
const PHONE = '13812345678';

let database: Database;
const db = () => database.db;
let clerk: Actor;
let chief: Actor;
let finance: Actor;
let account: string;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lr-integrity-'));
  process.env.DATA_DIR = dataDir;
  delete process.env.SM4_KEY;
  delete process.env.SM4_KEYS;
  delete process.env.SM4_KEY_VERSION;
  resetConfigCache();
  resetKeyRing();
  database = await createTestDatabase();
  clerk = await createActor(db(), ['clerk']);
  chief = await createActor(db(), ['chief']);
  finance = await createActor(db(), ['finance']);
  const [a] = await db().insert(fundAccounts).values({ sourceCode: 'other_fiscal', name: '完整性测试专户' }).returning({ id: fundAccounts.id });
  account = a.id;
});
afterAll(async () => {
  await database?.close();
  resetKeyRing();
});

let seq = 0;
async function insertProject(): Promise<{ projectId: string; parcelId: string }> {
  seq++;
  const [project] = await db().insert(reserveProjects).values({ code: `INT-P${seq}`, name: `完整性测试项目${seq}`, acquisitionRoute: '征收', expectedIncome: '50000000' }).returning({ id: reserveProjects.id });
  const [parcel] = await db()
    .insert(parcels)
    .values({ code: `INT-${seq}`, name: `完整性测试地块${seq}`, projectId: project.id, stage: '收储中', stageSince: '2024-01-01' })
    .returning({ id: parcels.id });
  return { projectId: project.id, parcelId: parcel.id };
}

async function ok<T>(p: Promise<{ ok: true; data: T } | { ok: false; error: string }>): Promise<T> {
  const res = await p;
  if (!res.ok) throw new Error(res.error);
  return res.data;
}

async function row(id: string) {
  const [r] = await db().select().from(ledgerEntries).where(eq(ledgerEntries.id, id));
  return r;
}

async function approvedEntry(projectId: string, amount = '12345.67'): Promise<string> {
  const { id } = await ok(
    createEntry.execute(db(), clerk, {
      direction: 'expense',
      entryDate: '2025-03-10',
      amount,
      category: '前期开发',
      sourceCode: 'other_fiscal',
      accountId: '',
      projectId,
      parcelId: '',
      contractNo: 'HT-2025-001',
      voucherNo: '记-0031',
      counterparty: '益阳某建设工程有限公司',
      description: '场地平整工程进度款',
      submit: true,
    }),
  );
  await ok(reviewEntry.execute(db(), chief, { id, version: (await row(id)).version, acknowledged: ACK }));
  await ok(approveEntry.execute(db(), finance, { id, version: (await row(id)).version, accountId: account, acknowledged: ACK }));
  expect((await row(id)).status).toBe('approved');
  return id;
}

const filter = (f: Record<string, unknown>) => ZLedgerFilter.parse(f);

async function exportedSheet(projectId: string): Promise<string[][]> {
  const { buffer } = await exportLedgerXlsx(db(), { ...finance, permissions: finance.permissions } as never, filter({ project: projectId }));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.getWorksheet('收支台账')!.eachRow((r) => out.push((r.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return out;
}

describe('数据完整性: HMAC-SM3 tags on approved ledger entries', () => {
  it('数据完整性: the final approval tags the entry; an untouched entry reads as intact everywhere', async () => {
    const { projectId } = await insertProject();
    const id = await approvedEntry(projectId);
    const r = await row(id);
    expect(r.integrityTag).toMatch(new RegExp(`^v1:${getKeyRing().current}:[0-9a-f]{64}$`));
    expect((await getEntry(db(), id))!.integrity).toBe('ok');
    const list = await listEntries(db(), filter({ project: projectId }));
    expect(list.rows.map((x) => x.integrity)).toEqual(['ok']);
    expect(list.totals.integrityProblems).toEqual([]);
  });

  it('数据完整性: a block of entries found intact is not trusted after a change: altering one row afterwards is still found, and restoring it clears it', async () => {
    const { projectId } = await insertProject();
    const ids = [await approvedEntry(projectId, '100.00'), await approvedEntry(projectId, '200.00'), await approvedEntry(projectId, '300.00')];
    expect(await findIntegrityProblemsOf(db(), { projectId })).toEqual([]);
    expect(await findIntegrityProblemsOf(db())).toEqual([]);
    // Found clean (and remembered); now the middle one is altered behind the application's back.
    await db().execute(sql`update ledger_entries set amount = '999.00' where id = ${ids[1]}`);
    const flagged = [{ id: ids[1], entryNo: (await row(ids[1])).entryNo, verdict: 'tampered' }];
    expect(await findIntegrityProblemsOf(db(), { projectId })).toEqual(flagged);
    expect(await findIntegrityProblemsOf(db())).toEqual(flagged);
    // Still flagged on the next read (a block holding a failed entry is never taken as clean).
    expect(await findIntegrityProblemsOf(db(), { projectId })).toEqual(flagged);
    await db().execute(sql`update ledger_entries set amount = '200.00' where id = ${ids[1]}`);
    expect(await findIntegrityProblemsOf(db(), { projectId })).toEqual([]);
  });

  it('数据完整性: an amount altered with raw SQL is flagged on the entry, in the list, in the totals and in the export', async () => {
    const { projectId } = await insertProject();
    const id = await approvedEntry(projectId, '5000.00');
    const intact = await approvedEntry(projectId, '300.00');
    await db().execute(sql`update ledger_entries set amount = '500000.00' where id = ${id}`);

    expect((await getEntry(db(), id))!.integrity).toBe('tampered');
    expect((await getEntry(db(), intact))!.integrity).toBe('ok');
    const list = await listEntries(db(), filter({ project: projectId }));
    expect(Object.fromEntries(list.rows.map((x) => [x.id, x.integrity]))).toEqual({ [id]: 'tampered', [intact]: 'ok' });
    // Still counted (the true figure is unknown), and named as the reason the totals are untrustworthy.
    expect(list.totals.approved.expense).toBe('500300.00');
    expect(list.totals.integrityProblems).toEqual([{ id, entryNo: (await row(id)).entryNo, verdict: 'tampered' }]);

    const sheet = await exportedSheet(projectId);
    const header = sheet[0];
    const flag = header.indexOf('完整性校验');
    expect(flag).toBeGreaterThan(0);
    const byNo = Object.fromEntries(sheet.slice(1).filter((r) => /^ZJ/.test(r[0])).map((r) => [r[0], r[flag]]));
    expect(byNo[(await row(id)).entryNo]).toBe('数据完整性校验失败：该记录在数据库中被改动');
    expect(byNo[(await row(intact)).entryNo]).toBe('通过');
    expect(sheet.some((r) => r[0].startsWith('数据完整性校验失败：1 笔记录未通过完整性校验'))).toBe(true);

    // Balances and reports: the project's figures come with the list of entries that make them untrustworthy.
    expect(await findIntegrityProblemsOf(db(), { projectId })).toEqual([{ id, entryNo: (await row(id)).entryNo, verdict: 'tampered' }]);
    const report = await exportFundsXlsx(db(), finance, ZExportParams.parse({ kind: 'report', year: '2025', projectId }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.buffer as unknown as ArrayBuffer);
    const flagged = wb.getWorksheet('数据完整性校验失败');
    expect(flagged).toBeDefined();
    expect(String(flagged!.getRow(1).getCell(1).value)).toMatch(/^数据完整性校验失败：1 笔/);
    expect(flagged!.getRow(3).values).toEqual([undefined, (await row(id)).entryNo, '数据完整性校验失败：该记录在数据库中被改动']);
  });

  it('数据完整性: other material fields, a removed tag, a forged tag and an approval undone by SQL are all caught', async () => {
    const { projectId } = await insertProject();
    const other = await insertProject();
    const cases: [string, (id: string) => ReturnType<typeof sql>, string][] = [
      ['project', (id) => sql`update ledger_entries set project_id = ${other.projectId} where id = ${id}`, 'tampered'],
      ['date', (id) => sql`update ledger_entries set entry_date = '2025-01-01' where id = ${id}`, 'tampered'],
      ['counterparty', (id) => sql`update ledger_entries set counterparty = '某公司' where id = ${id}`, 'tampered'],
      ['direction', (id) => sql`update ledger_entries set direction = 'income' where id = ${id}`, 'tampered'],
      ['approver', (id) => sql`update ledger_entries set approved_by = ${clerk.userId} where id = ${id}`, 'tampered'],
      ['tag removed', (id) => sql`update ledger_entries set integrity_tag = null where id = ${id}`, 'untagged'],
      ['forged tag', (id) => sql`update ledger_entries set integrity_tag = ${'v1:1:' + '0'.repeat(64)} where id = ${id}`, 'tampered'],
      ['back to reviewed', (id) => sql`update ledger_entries set status = 'reviewed' where id = ${id}`, 'tampered'],
    ];
    for (const [what, change, verdict] of cases) {
      const id = await approvedEntry(projectId);
      await db().execute(change(id));
      expect([what, (await getEntry(db(), id))!.integrity]).toEqual([what, verdict]);
    }
    // An approved row inserted by SQL, with no tag at all.
    const [inserted] = await db()
      .insert(ledgerEntries)
      .values({ entryNo: 'ZJ2025-990001', direction: 'income', entryDate: '2025-05-01', amount: '1000000.00', category: '其他', projectId, status: 'approved' })
      .returning({ id: ledgerEntries.id });
    expect((await getEntry(db(), inserted.id))!.integrity).toBe('untagged');
    // Changes that are not material (reversal link, version) keep the tag valid.
    const kept = await approvedEntry(projectId);
    await db().execute(sql`update ledger_entries set version = version + 5, return_comment = 'x' where id = ${kept}`);
    expect((await getEntry(db(), kept))!.integrity).toBe('ok');
  });

  it('数据完整性: entries approved before migration 0019 are marked pending and tagged once by ledger:tag', async () => {
    const { projectId } = await insertProject();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await approvedEntry(projectId));
    await db().update(ledgerEntries).set({ integrityTag: PENDING_TAG }).where(eq(ledgerEntries.projectId, projectId));
    expect((await getEntry(db(), ids[0]))!.integrity).toBe('pending');
    expect((await tagEntries(db(), 'pending')).tagged).toBe(3);
    for (const id of ids) expect((await getEntry(db(), id))!.integrity).toBe('ok');
    expect((await tagEntries(db(), 'pending')).tagged).toBe(0);
  });
});

describe('数据保密性: keys:rotate over real rows', () => {
  it('数据保密性: re-encrypts old-format and old-version values, re-tags ledger entries, skips tampered ones, and a second run finds nothing', async () => {
    const { projectId, parcelId } = await insertProject();
    const v1 = getKeyRing().current;
    // A party written now (current version), one in the format before key versions, one tampered.
    const { id: fresh } = await ok(createParty.execute(db(), clerk, { parcelId, partyType: '个人', name: '张三', idNumber: ID_A, phone: PHONE, amountAgreed: '1000', newPayment: '0', items: [] }));
    const { id: legacy } = await ok(createParty.execute(db(), clerk, { parcelId, partyType: '个人', name: '李四', idNumber: ID_B, amountAgreed: '1000', newPayment: '0', items: [] }));
    const { id: altered } = await ok(createParty.execute(db(), clerk, { parcelId, partyType: '个人', name: '王五', idNumber: ID_A, phone: PHONE, amountAgreed: '1000', newPayment: '0', items: [] }));
    const { createCipheriv, randomBytes } = await import('node:crypto');
    const iv = randomBytes(16);
    const c = createCipheriv('sm4-cbc', getKeyRing().keys.get(1)!, iv);
    const legacyValue = `sm4$${iv.toString('base64')}$${Buffer.concat([c.update(ID_B, 'utf8'), c.final()]).toString('base64')}`;
    await db().update(compensationParties).set({ idNumberEnc: legacyValue }).where(eq(compensationParties.id, legacy));
    const [alteredRow] = await db().select().from(compensationParties).where(eq(compensationParties.id, altered));
    // Another party's phone ciphertext pasted into this party's ID number column: fails its field context.
    const phoneOfFresh = (await db().select().from(compensationParties).where(eq(compensationParties.id, fresh)))[0].phoneEnc!;
    await db().update(compensationParties).set({ idNumberEnc: phoneOfFresh }).where(eq(compensationParties.id, altered));
    expect(alteredRow.idNumberEnc).not.toBe(phoneOfFresh);

    const entry = await approvedEntry(projectId);
    const tampered = await approvedEntry(projectId);
    await db().execute(sql`update ledger_entries set amount = '1.00' where id = ${tampered}`);

    // A 动态口令 secret is encrypted with the same keys and rotated with them.
    await db().insert(userTotp).values({ userId: clerk.userId, secretEnc: encryptPersonal('3132333435363738393031323334353637383930', 'totpSecret'), algorithm: 'SM3' });

    const { version } = writeNewKeyVersion();
    expect(version).toBe(v1 + 1);
    expect(getKeyRing().current).toBe(version);

    const report = await rotateAll(db());
    const ids = report.columns.find((x) => x.name === 'compensation_parties.id_number')!;
    const phones = report.columns.find((x) => x.name === 'compensation_parties.phone')!;
    expect(ids.failed.map((f) => f.id)).toEqual([altered]);
    expect(ids.failed[0].reason).toBe('数据完整性校验失败');
    expect(ids.rewritten).toBeGreaterThanOrEqual(2);
    expect(phones.failed).toEqual([]);
    // (Entries altered by the tests above fail too: every failing entry is reported, none re-tagged.)
    expect(report.ledger.failed).toContain((await row(tampered)).entryNo);
    expect(report.ledger.failed).not.toContain((await row(entry)).entryNo);
    expect(report.ledger.retagged).toBeGreaterThanOrEqual(1);
    expect(describeRotation(report).ok).toBe(false);

    const parties = await db().select().from(compensationParties).where(eq(compensationParties.parcelId, parcelId));
    const byId = Object.fromEntries(parties.map((p) => [p.id, p]));
    expect(byId[fresh].idNumberEnc!.startsWith(`v2:${version}:`)).toBe(true);
    expect(byId[fresh].phoneEnc!.startsWith(`v2:${version}:`)).toBe(true);
    expect(byId[legacy].idNumberEnc!.startsWith(`v2:${version}:`)).toBe(true);
    expect(decryptPersonal(byId[legacy].idNumberEnc!, 'idNumber')).toBe(ID_B);
    expect(decryptPersonal(byId[fresh].idNumberEnc!, 'idNumber')).toBe(ID_A);
    expect(byId[altered].idNumberEnc).toBe(phoneOfFresh);
    const [totp] = await db().select().from(userTotp).where(eq(userTotp.userId, clerk.userId));
    expect(totp.secretEnc.startsWith(`v2:${version}:`)).toBe(true);
    expect(decryptPersonal(totp.secretEnc, 'totpSecret')).toBe('3132333435363738393031323334353637383930');
    expect((await row(entry)).integrityTag!.startsWith(`v1:${version}:`)).toBe(true);
    expect((await getEntry(db(), entry))!.integrity).toBe('ok');
    expect((await row(tampered)).integrityTag!.startsWith(`v1:${v1}:`)).toBe(true);
    expect((await getEntry(db(), tampered))!.integrity).toBe('tampered');

    // Idempotent: nothing left but the rows that fail their check.
    const again = await rotateAll(db());
    expect(again.columns.map((x) => x.rewritten)).toEqual(again.columns.map(() => 0));
    expect(again.ledger.retagged).toBe(0);
    expect(again.columns[0].failed.map((f) => f.id)).toEqual([altered]);

    // The page: the altered field shows 「数据完整性校验失败」, the intact one its value; audited as such.
    const shown = await ok(revealPersonalInfo.execute(db(), chief, { id: altered }));
    expect(shown).toMatchObject({ idNumber: null, phone: PHONE, problems: { idNumber: '数据完整性校验失败', phone: null } });
    const [audit] = await db().select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    expect(audit.message).toContain('证件号码：数据完整性校验失败');
    expect(audit.message).not.toContain(PHONE);
  });

  it('数据保密性: a key file written by another process (keys:rotate) is picked up for reading without a restart', async () => {
    const ring = getKeyRing();
    const next = Math.max(...ring.keys.keys()) + 1;
    const key = '8899aabbccddeeff0011223344556677';
    const sealed = sealValue(PHONE, Buffer.from(key, 'hex'), next, 'compensation_parties.phone');
    writeFileSync(join(dataDir, `sm4.v${next}.key`), key, { mode: 0o600 });
    expect(decryptPersonal(sealed, 'phone')).toBe(PHONE);
    // The version that encrypts stays the one this process started with until it restarts.
    expect(getKeyRing().current).toBe(ring.current);
  });
});

describe('数据保密性: masking in lists and exports', () => {
  it('数据保密性: only roles with personal-info:view can see full ID numbers and phones; lists and exports carry masked values only', async () => {
    const { parcelId } = await insertProject();
    const { id } = await ok(createParty.execute(db(), clerk, { parcelId, partyType: '个人', name: '赵六', idNumber: ID_A, phone: PHONE, amountAgreed: '1000', newPayment: '0', items: [] }));
    const holders = BUILTIN_ROLES.filter((r) => (r.permissions as readonly string[]).includes('personal-info:view')).map((r) => r.code);
    expect(holders).toEqual(['chief']);
    for (const role of BUILTIN_ROLES.filter((r) => r.code !== 'chief')) {
      const actor = await createActor(db(), [role.code]);
      expect([role.code, await revealPersonalInfo.execute(db(), actor, { id })]).toEqual([role.code, { ok: false, error: PERMISSION_DENIED }]);
    }
    const listed = await listCompensationParties(db(), parcelId);
    const text = JSON.stringify(listed);
    expect(text).not.toContain(ID_A);
    expect(text).not.toContain(PHONE);
    expect(listed[0]).toMatchObject({ idNumberMasked: expect.stringMatching(/^\d{6}\*+\w{4}$|\*/), phoneMasked: expect.stringContaining('*') });
    expect(Object.keys(listed[0])).not.toContain('idNumberEnc');

    const auditor = await createActor(db(), ['auditor']);
    const { buffer } = await exportParcelsXlsx(db(), auditor, ZParcelFilter.parse({}));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.eachSheet((s) => s.eachRow((r) => (r.values as unknown[]).forEach((v) => cells.push(String(v ?? '')))));
    expect(cells.join('|')).not.toContain(ID_A);
    expect(cells.join('|')).not.toContain(PHONE);
    // The audit trail of the creation holds neither the values nor their ciphertext.
    const audits = await db().select().from(auditLog).where(eq(auditLog.objectId, id));
    const auditText = JSON.stringify(audits);
    expect(auditText).not.toContain(ID_A);
    expect(auditText).not.toContain(PHONE);
    expect(auditText).not.toMatch(/v2:\d+:/);
  });
});

describe('数据完整性: the verdict function itself', () => {
  it('数据完整性: entries never approved and never tagged are fine; a tagged draft is not', () => {
    const base = { status: 'draft', integrityTag: null } as Parameters<typeof checkLedgerEntry>[0];
    expect(checkLedgerEntry(base)).toBe('ok');
    expect(checkLedgerEntry({ ...base, integrityTag: 'v1:1:' + 'a'.repeat(64) })).toBe('tampered');
    expect(checkLedgerEntry({ ...base, status: 'approved', integrityTag: 'v1:77:' + 'a'.repeat(64) })).toBe('unknown-key');
  });
});
