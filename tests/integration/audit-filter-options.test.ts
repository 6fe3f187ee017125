import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Db } from '../../src/platform/db/client';
import { appendAuditStandalone } from '../../src/platform/audit/write';
import { getAuditFilterOptions } from '../../src/modules/audit-log/queries';
import { createTestDatabase } from '../helpers/db';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

/** The options as the page computed them before the cache: two SELECT DISTINCT over the whole log. */
async function scanned(db: Db) {
  const actions = await queryRows<{ v: string }>(db, sql`select distinct action as v from audit_log order by action`);
  const types = await queryRows<{ v: string }>(db, sql`select distinct object_type as v from audit_log where object_type is not null order by object_type`);
  return { actions: actions.map((r) => r.v), objectTypes: types.map((r) => r.v) };
}

/** The database, counting the statements built on it by kind. */
function countingDb(db: Db) {
  const n = { select: 0, selectDistinct: 0, execute: 0 };
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if ((prop === 'select' || prop === 'selectDistinct' || prop === 'execute') && typeof value === 'function') {
        return (...args: unknown[]) => {
          n[prop]++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return value;
    },
  });
  return { db: proxy as Db, n };
}

const append = (db: Db, action: string, objectType?: string) => appendAuditStandalone(db, { action, objectType, objectId: objectType ? 'X1' : undefined, result: '成功' });

describe('audit filter options', () => {
  it('are the distinct actions and object types of the log, in the database’s order, reading only the entries added since the last request', async () => {
    const { db, n } = countingDb(database.db);
    // Mixed scripts and cases, so the order is the database's, not a guess.
    await append(database.db, '登录');
    await append(database.db, 'b动作', '地块');
    await append(database.db, 'A动作', '储备项目');
    await append(database.db, '登录', '地块');
    await append(database.db, '停用用户', '用户');
    await append(database.db, '生成演示数据');

    expect(await getAuditFilterOptions(db)).toEqual(await scanned(database.db));
    expect((await getAuditFilterOptions(db)).actions).toEqual(expect.arrayContaining(['登录', 'b动作', 'A动作', '停用用户', '生成演示数据']));

    // Nothing new: one lookup of the newest entry, no scan, no sort.
    const before = { ...n };
    const again = await getAuditFilterOptions(db);
    expect(again).toEqual(await scanned(database.db));
    expect(n.select - before.select).toBe(1);
    expect(n.selectDistinct - before.selectDistinct).toBe(0);
    expect(n.execute - before.execute).toBe(0);

    // Entries with known values only: the new entries are read, the options stay, nothing is re-sorted.
    const known = { ...n };
    await append(database.db, '登录', '地块');
    await append(database.db, 'A动作');
    expect(await getAuditFilterOptions(db)).toEqual(await scanned(database.db));
    expect(n.selectDistinct - known.selectDistinct).toBe(1);
    expect(n.execute - known.execute).toBe(0);

    // A new action and a new object type appear at once, in their place.
    await append(database.db, 'a新动作', '专项债券');
    await append(database.db, '修改系统参数', '系统参数');
    const grown = await getAuditFilterOptions(db);
    expect(grown).toEqual(await scanned(database.db));
    expect(grown.actions).toContain('a新动作');
    expect(grown.objectTypes).toEqual(expect.arrayContaining(['专项债券', '系统参数', '地块', '储备项目', '用户']));
    expect(grown.objectTypes).not.toContain(null);
  });

  it('reads entries past the newest one seen, however long the log (no rescan of what was read)', async () => {
    const db = database.db;
    // The statements that read the log, as built (the cache is per database object: one proxy throughout).
    const seen: { sql: string; params: unknown[] }[] = [];
    const tracing = new Proxy(db, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop !== 'selectDistinct') return value;
        return (...args: unknown[]) => {
          const builder = (value as (...a: unknown[]) => { from: (t: unknown) => unknown }).apply(target, args);
          const from = builder.from.bind(builder);
          builder.from = (t: unknown) => {
            const q = from(t) as { where: (w: unknown) => { toSQL: () => { sql: string; params: unknown[] } } };
            const where = q.where.bind(q);
            q.where = (w: unknown) => {
              const built = where(w);
              seen.push(built.toSQL());
              return built;
            };
            return q;
          };
          return builder;
        };
      },
    }) as Db;
    for (let i = 0; i < 40; i++) await append(db, `批量动作${i % 4}`, i % 2 ? '地块' : undefined);
    expect(await getAuditFilterOptions(tracing)).toEqual(await scanned(db));
    expect(seen).toHaveLength(1);
    seen.length = 0;

    await append(db, '最后一条', '储备计划');
    const [{ top }] = await queryRows<{ top: string | number }>(db, sql`select max(seq) as top from audit_log`);
    expect(await getAuditFilterOptions(tracing)).toEqual(await scanned(db));
    expect(seen).toHaveLength(1);
    expect(seen[0].sql).toMatch(/where \("audit_log"\."seq" > \$1 and "audit_log"\."seq" <= \$2\)$/);
    // Only the one new entry lies between the bounds.
    expect(seen[0].params.map(Number)).toEqual([Number(top) - 1, Number(top)]);
  });
});
