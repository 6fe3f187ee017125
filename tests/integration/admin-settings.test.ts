import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { PERMISSION_DENIED } from '../../src/platform/action';
import { auditLog } from '../../src/platform/audit/schema';
import { getSettings, getSettingSourceTexts } from '../../src/platform/settings';
import { systemSettings } from '../../src/platform/settings/schema';
import { confirmSetting, updateSetting } from '../../src/modules/admin/settings/mutations';
import { listSettings } from '../../src/modules/admin/settings/queries';
import { createTestDatabase } from '../helpers/db';
import { unlabelledAuditFields } from '../helpers/audit-labels';
import { createActor } from '../helpers/actors';

let database: Database;
let sysadmin: Actor;
let finance: Actor;
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
  sysadmin = await createActor(db(), ['sysadmin']);
  finance = await createActor(db(), ['finance']);
});
afterAll(async () => {
  await database?.close();
});

describe('system parameters', () => {
  it('lists every parameter with its default in force, grouped', async () => {
    const rows = await listSettings(db());
    const threshold = rows.find((r) => r.key === 'fund.leaderThresholdYuan')!;
    expect(threshold).toMatchObject({ group: '资金管理', value: 1_000_000, defaultValue: 1_000_000, overridden: false, decimals: 0 });
    expect(rows.find((r) => r.key === 'fund.coverageWarning')).toMatchObject({ value: 1.2, decimals: 2 });
    expect(rows.find((r) => r.key === 'import.areaDiffWarnPercent')).toMatchObject({
      label: '边界导入面积与申报面积差异预警',
      group: '边界导入',
      unit: '%',
      value: 0.5,
      decimals: 2,
      min: 0.01,
      max: 50,
    });
    expect(rows.find((r) => r.key === 'supply.agreementMinBenchmarkPercent')).toMatchObject({ group: '土地供应', value: 70, unit: '%' });
    expect(rows.find((r) => r.key === 'contract.milestoneDueDays')).toMatchObject({ group: '合同管理', value: 30, unit: '天' });
    expect(rows.find((r) => r.key === 'archive.maxLoanDays')).toMatchObject({ group: '档案管理', value: 30, unit: '天' });
    expect(new Set(rows.map((r) => r.group))).toEqual(new Set(['地块与预警', '边界导入', '土地供应', '资金管理', '收文办理', '合同管理', '档案管理', '安全审计']));
  });

  it('lets the system administrator change a value, which the rules then use, and audits it', async () => {
    const res = await updateSetting.execute(db(), sysadmin, { key: 'fund.leaderThresholdYuan', value: '500000' });
    expect(res).toEqual({ ok: true, data: { key: 'fund.leaderThresholdYuan', value: 500000 } });
    expect((await getSettings(db()))['fund.leaderThresholdYuan']).toBe(500000);
    expect((await listSettings(db())).find((r) => r.key === 'fund.leaderThresholdYuan')).toMatchObject({ value: 500000, overridden: true });
    const again = await updateSetting.execute(db(), sysadmin, { key: 'fund.leaderThresholdYuan', value: '800000' });
    expect(again.ok).toBe(true);
    expect(await db().select().from(systemSettings)).toHaveLength(1);
    const [last] = await db().select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    expect(last).toMatchObject({ action: '修改系统参数', objectId: 'fund.leaderThresholdYuan', result: '成功' });
    expect(last.message).toContain('500000 → 800000');
  });

  it('takes two decimals where the default has them, and goes back to the default on request', async () => {
    expect((await updateSetting.execute(db(), sysadmin, { key: 'fund.coverageWarning', value: '1.35' })).ok).toBe(true);
    expect((await getSettings(db()))['fund.coverageWarning']).toBe(1.35);
    expect((await updateSetting.execute(db(), sysadmin, { key: 'fund.coverageWarning', value: null })).ok).toBe(true);
    expect((await getSettings(db()))['fund.coverageWarning']).toBe(1.2);
  });

  it('refuses bad values with a Chinese message and changes nothing', async () => {
    const before = await db().select().from(systemSettings);
    const cases: [string, string, string][] = [
      ['parcel.reserveLimitDays', '29', '应在 30–3650 天之间'],
      ['parcel.reserveLimitDays', '730.5', '应为整数'],
      ['fund.coverageWarning', '1.234', '最多两位小数'],
      ['fund.bondShareLimitPercent', 'abc', '应为整数'],
      ['fund.bondShareLimitPercent', '101', '应在 1–100 %之间'],
      ['import.areaDiffWarnPercent', '0', '应在 0.01–50 %之间'],
      ['import.areaDiffWarnPercent', '50.01', '应在 0.01–50 %之间'],
    ];
    for (const [key, value, message] of cases) {
      const res = await updateSetting.execute(db(), sysadmin, { key, value });
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error).toContain(message);
    }
    const unknown = await updateSetting.execute(db(), sysadmin, { key: 'no.such', value: '1' });
    expect(unknown.ok).toBe(false);
    expect(await db().select().from(systemSettings)).toEqual(before);
  });

  it('is for the system administrator only (三员分立: business roles cannot change it)', async () => {
    const res = await updateSetting.execute(db(), finance, { key: 'fund.leaderThresholdYuan', value: '1' });
    expect(res).toEqual({ ok: false, error: PERMISSION_DENIED });
  });
});

describe('audit trail', () => {
  it('shows where each value comes from; a local one is 待核实 until confirmed, and again after its value changes', async () => {
    const share = () => listSettings(db()).then((rows) => rows.find((r) => r.key === 'fund.bondShareLimitPercent')!);
    expect(await share()).toMatchObject({ sourceStatus: '待核实', confirmation: null });
    expect((await share()).source).toBe('本中心规定：项目使用的专项债券资金不超过项目预计土地出让收入的该比例');
    expect((await share()).source).not.toContain('89号');
    expect((await getSettingSourceTexts(db()))['fund.bondShareLimitPercent']).toMatch(/（待核实）$/);
    expect((await listSettings(db())).find((r) => r.key === 'import.maxFileMb')?.sourceStatus).toBe('系统参数');

    expect(await confirmSetting.execute(db(), finance, { key: 'fund.bondShareLimitPercent', value: 70, note: '主任办公会确认' })).toEqual({ ok: false, error: PERMISSION_DENIED });
    expect(await confirmSetting.execute(db(), sysadmin, { key: 'fund.bondShareLimitPercent', value: 70, note: '  ' })).toMatchObject({ ok: false, error: '请填写核实说明' });
    expect(await confirmSetting.execute(db(), sysadmin, { key: 'fund.bondShareLimitPercent', value: 60, note: '主任办公会确认' })).toMatchObject({ ok: false, error: expect.stringContaining('请刷新后重新核实') });
    expect(await confirmSetting.execute(db(), sysadmin, { key: 'import.maxFileMb', value: 20, note: '无' })).toMatchObject({ ok: false, error: expect.stringContaining('无需核实') });
    expect((await share()).sourceStatus).toBe('待核实');

    expect(await confirmSetting.execute(db(), sysadmin, { key: 'fund.bondShareLimitPercent', value: 70, note: '2026 年第 5 次主任办公会确认' })).toMatchObject({ ok: true });
    expect(await share()).toMatchObject({ sourceStatus: '已核实', confirmation: { note: '2026 年第 5 次主任办公会确认' } });
    expect((await getSettingSourceTexts(db()))['fund.bondShareLimitPercent']).toMatch(/（已核实：2026 年第 5 次主任办公会确认）$/);

    // A new value is not what was confirmed: 待核实 again; back to the confirmed value, confirmed again.
    expect((await updateSetting.execute(db(), sysadmin, { key: 'fund.bondShareLimitPercent', value: '60' })).ok).toBe(true);
    expect(await share()).toMatchObject({ sourceStatus: '待核实', confirmation: null });
    expect((await updateSetting.execute(db(), sysadmin, { key: 'fund.bondShareLimitPercent', value: null })).ok).toBe(true);
    expect((await share()).sourceStatus).toBe('已核实');
  });

  it('names every audited field in Chinese', async () => {
    expect(await unlabelledAuditFields(database.db)).toEqual([]);
  });
});
