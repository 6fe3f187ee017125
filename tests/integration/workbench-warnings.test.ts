import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { appendAuditStandalone } from '../../src/platform/audit/write';
import { parcelEvents, parcels, reserveProjects } from '../../src/modules/parcels/schema';
import type { TStage } from '../../src/modules/parcels/stages';
import { addDays } from '../../src/modules/parcels/rules';
import { listParcels } from '../../src/modules/parcels/queries';
import { ZParcelFilter } from '../../src/modules/parcels/validation';
import { createInspection } from '../../src/modules/parcels/custody/mutations';
import { countParcelWarnings } from '../../src/modules/parcels/warning-levels';
import { todayInShanghai } from '../../src/ui/format';
import { createTestDatabase } from '../helpers/db';
import { createActor } from '../helpers/actors';

/*
 * The warning levels kept per data version (the workbench's to-dos, the parcel list's warning
 * filter): the same counts as the list, and recounted after a change that alters a warning.
 */

const TODAY = todayInShanghai();
const PATH: TStage[] = ['拟收储', '收储中', '已入库', '前期开发', '可供应'];

let database: Database;
let clerk: Actor;
const db = () => database.db;
const ids: Record<string, string> = {};

async function insertParcel(code: string, stage: TStage, reservedOn: string | null): Promise<void> {
  const [project] = await db().select({ id: reserveProjects.id }).from(reserveProjects).limit(1);
  const reservedAt = PATH.indexOf('已入库');
  const steps = PATH.slice(0, PATH.indexOf(stage) + 1);
  const dates = steps.map((_, k) => (k < reservedAt ? addDays('2024-01-10', 10 * k) : addDays(reservedOn!, 5 * (k - reservedAt))));
  const [row] = await db()
    .insert(parcels)
    // Reserved parcels carry their 电子监管号 (without it they would warn as well).
    .values({ code, name: `预警待办${code}`, projectId: project.id, areaM2: '10000', stage, stageSince: dates[dates.length - 1], supervisionNo: reservedOn ? `JG-${code}` : null })
    .returning({ id: parcels.id });
  ids[code] = row.id;
  await db()
    .insert(parcelEvents)
    .values(dates.map((d, k) => ({ parcelId: row.id, seq: k + 1, fromStage: k === 0 ? null : steps[k - 1], toStage: steps[k], eventDate: d })));
}

const listTotal = async (warn: 'red' | 'amber') => (await listParcels(db(), ZParcelFilter.parse({ warn }), TODAY)).total;

beforeAll(async () => {
  database = await createTestDatabase();
  clerk = await createActor(db(), ['clerk']);
  await db().insert(reserveProjects).values({ code: 'WB-P1', name: '预警待办测试项目', acquisitionRoute: '征收' });
  // Reserved 45 days ago, never inspected: inspection due soon (amber). 100 days ago: overdue (red).
  await insertParcel('WB-A', '已入库', addDays(TODAY, -45));
  await insertParcel('WB-B', '可供应', addDays(TODAY, -100));
  await insertParcel('WB-C', '拟收储', null);
});

afterAll(async () => {
  await database?.close();
});

describe('workbench warning to-dos', () => {
  it('counts the parcels with a red and with an amber warning, as the parcel list filters them', async () => {
    const counts = await countParcelWarnings(db(), TODAY);
    expect(counts).toEqual({ red: 1, amber: 1 });
    expect(counts).toEqual({ red: await listTotal('red'), amber: await listTotal('amber') });
  });

  it('keeps the count across changes that cannot alter a warning, and recounts after one that does', async () => {
    expect(await countParcelWarnings(db(), TODAY)).toEqual({ red: 1, amber: 1 });
    await appendAuditStandalone(db(), { userId: clerk.userId, action: '登录', objectType: '用户', objectId: clerk.userId, result: '成功' });
    expect(await countParcelWarnings(db(), TODAY)).toEqual({ red: 1, amber: 1 });
    const res = await createInspection.execute(db(), clerk, { parcelId: ids['WB-A'], inspectedOn: addDays(TODAY, -1), inspector: '巡查员乙', findings: '未见异常' });
    expect(res).toMatchObject({ ok: true });
    expect(await listTotal('amber')).toBe(0);
    expect(await countParcelWarnings(db(), TODAY)).toEqual({ red: 1, amber: 0 });
  });
});
