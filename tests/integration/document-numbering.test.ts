import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import type { Actor } from '../../src/platform/action';
import { actOnDocument, createDocument, saveDocumentFlow, saveNumberRule } from '../../src/modules/documents/mutations';
import { documentFlowFor } from '../../src/modules/documents/flows';
import { nextDocNo } from '../../src/modules/documents/numbering-store';
import { documentNumberCounters, documents } from '../../src/modules/documents/schema';
import { createTestDatabase } from '../helpers/db';
import { createActor, enrolTotpForTest, actorFor } from '../helpers/actors';
import { todayInShanghai } from '../../src/ui/format';

let database: Database;
const db = () => database.db;
let clerk: Actor;
let chief: Actor;
let leaders: Actor[];
const year = Number(todayInShanghai().slice(0, 4));

async function ok<T>(p: Promise<{ ok: true; data: T } | { ok: false; error: string }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`unexpected refusal: ${r.error}`);
  return r.data;
}

beforeAll(async () => {
  database = await createTestDatabase();
  clerk = await createActor(db(), ['clerk']);
  chief = await createActor(db(), ['chief']);
  leaders = [];
  for (let i = 0; i < 3; i++) {
    const l = await createActor(db(), ['leader']);
    await enrolTotpForTest(db(), l.userId);
    leaders.push(await actorFor(db(), l.userId));
  }
  // 决定: 拟稿 → 签发 only, so 50 documents reach 签发 quickly.
  const def = await documentFlowFor(db(), '决定');
  await ok(saveDocumentFlow.execute(db(), chief, { docType: '决定', steps: def.steps.filter((s) => s.key === 'draft' || s.key === 'issue') }));
  await ok(saveNumberRule.execute(db(), chief, { docType: '决定', template: '益土储决〔{year}〕{seq}号' }));
});
afterAll(async () => {
  await database?.close();
});

describe('发文字号 under concurrent 签发', () => {
  it('50 parallel 签发 → 50 consecutive unique numbers', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const { id } = await ok(
        createDocument.execute(db(), clerk, {
          docType: '决定',
          title: `并发签发测试 ${i + 1}`,
          issuingOrg: '益阳市土地储备中心',
          urgency: '平件',
          secrecy: '内部',
          body: '正文',
        }),
      );
      await ok(actOnDocument.execute(db(), clerk, { id, expectedStepKey: 'draft', decision: 'approve' }));
      ids.push(id);
    }
    const results = await Promise.all(ids.map((id, i) => actOnDocument.execute(db(), leaders[i % leaders.length], { id, expectedStepKey: 'issue', decision: 'approve' })));
    const failed = results.filter((r) => !r.ok);
    expect(failed).toEqual([]);
    const rows = await db()
      .select({ docNo: documents.docNo, seq: documents.docSeq })
      .from(documents)
      .where(and(eq(documents.docType, '决定'), isNotNull(documents.docNo)));
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((r) => r.docNo)).size).toBe(50);
    expect(rows.map((r) => r.seq).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    for (const r of rows) expect(r.docNo).toBe(`益土储决〔${year}〕${r.seq}号`);
    const [counter] = await db().select().from(documentNumberCounters).where(eq(documentNumberCounters.series, '益土储决〔{year}〕{seq}号'));
    expect(counter.lastValue).toBe(50);
  });

  it('a rolled-back transaction gives its number back (no gap)', async () => {
    await expect(
      db().transaction(async (tx) => {
        const n = await nextDocNo(tx, '决定', year);
        expect(n.seq).toBe(51);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const n = await db().transaction((tx) => nextDocNo(tx, '决定', year));
    expect(n.seq).toBe(51);
    // A new year starts at 1; types sharing a template share its series.
    expect((await db().transaction((tx) => nextDocNo(tx, '决定', year + 1))).docNo).toBe(`益土储决〔${year + 1}〕1号`);
  });
});
