import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import { seedFoundationDemo } from '../../src/modules/admin/demo-seed';
import { seedDocumentsDemo } from '../../src/modules/documents/demo-seed';
import { documents } from '../../src/modules/documents/schema';
import { flowHistory } from '../../src/platform/flow';
import { createTestDatabase } from '../helpers/db';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe('公文 demo seed', () => {
  it('makes demo 发文 in every state through the flow, once', async () => {
    expect(await seedDocumentsDemo(database.db)).toBe(0); // no demo users yet
    await seedFoundationDemo(database.db);
    expect(await seedDocumentsDemo(database.db)).toBe(5);
    const rows = await database.db.select().from(documents).where(eq(documents.isDemo, true));
    expect(rows.map((r) => r.status).sort()).toEqual(['审批中', '已归档', '已签发', '已退回', '草稿'].sort());
    expect(rows.filter((r) => r.docNo).length).toBe(2);
    const returned = rows.find((r) => r.status === '已退回')!;
    expect((await flowHistory(database.db, 'document', returned.id)).at(-1)?.opinion).toContain('请补充');
    expect(await seedDocumentsDemo(database.db)).toBe(0);
  });
});
