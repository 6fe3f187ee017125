import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import { users } from '../../src/platform/auth/schema';
import { seedFoundationDemo } from '../../src/modules/admin/demo-seed';
import { reserveProjects } from '../../src/modules/parcels/schema';
import { archiveItemFiles, archiveItems } from '../../src/modules/archives/schema';
import { syncArchives } from '../../src/modules/archives/store';
import { useTestDatabase } from '../helpers/db';
import { browserRequest, sessionCookieFor, withRequest } from '../helpers/request-scope';

/* The 档案移交 and 到期鉴定 pages as the server renders them for the demo 档案管理员. */
vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET = 'request-scope-test-secret-0123456789abcdef';
});
vi.mock('next/headers', async () => (await import('../helpers/request-scope')).nextHeadersFromScope);
vi.mock('next/navigation', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/navigation')>()),
  useRouter: () => ({ push: () => {}, refresh: () => {}, back: () => {} }),
}));

let database: Database;
let cookie = '';
let archiveId = '';

async function render(page: () => Promise<ReactElement>): Promise<string> {
  return renderToStaticMarkup(await withRequest(browserRequest('/archives/transfer', { cookie }), page));
}

beforeAll(async () => {
  database = await useTestDatabase();
  const db = database.db;
  await seedFoundationDemo(db);
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'archivist'));
  cookie = await sessionCookieFor(db, u.id);
  const [p] = await db.insert(reserveProjects).values({ code: 'XM-YJYM-01', name: '移交页面项目', acquisitionRoute: '收购', status: 'active' }).returning({ id: reserveProjects.id });
  await syncArchives(db);
  archiveId = `aj-${p.id}`;
  for (const [seq, year, retention] of [[1, 2026, '永久'], [2, 1995, '30年'], [3, 2012, '10年']] as const) {
    const [item] = await db
      .insert(archiveItems)
      .values({ archiveId, stage: '收储', archiveNo: `Z001-WS·${year}-X-000${seq}`, series: `Z001-WS·${year}-X-`, seq, year, title: `页面条目${seq}`, category: '其他', itemDate: `${year}-05-01`, department: '收储科', retention, secrecy: '公开', sourceType: '上传', acceptedBy: u.id, acceptedByName: '档案员', acceptedAt: new Date() })
      .returning({ id: archiveItems.id });
    await db.insert(archiveItemFiles).values({ itemId: item.id, fileName: `${seq}.pdf`, mimeType: 'application/pdf', sizeBytes: 1536 * 1024, sm3: String(seq).repeat(64) });
  }
});
afterAll(async () => {
  await database?.close();
});

describe('档案移交与到期鉴定页面（服务端渲染）', () => {
  it('档案移交: search by code, tick, see the counts and size, 生成移交包 links to the route', async () => {
    const { default: Page } = await import('../../src/app/(app)/archives/transfer/page');
    const empty = await render(() => Page({ searchParams: Promise.resolve({ code: 'XM-YJYM' }) }) as Promise<ReactElement>);
    expect(empty).toContain('XM-YJYM-01');
    expect(empty).toContain('请在上方勾选档案');
    const chosen = await render(() => Page({ searchParams: Promise.resolve({ code: 'XM-YJYM', archives: [archiveId, 'bad id!'] }) }) as Promise<ReactElement>);
    expect(chosen).toContain('已选 1 卷档案：3 件条目，3 个文件，共 4.5 MB');
    expect(chosen).toContain(`/api/archives/transfer?archives=${archiveId}`);
    expect(chosen).toContain('生成移交包');
  }, 120_000);

  it('到期鉴定: expired 30年 / 10年 items with their 到期年度, the note, the export link', async () => {
    const { default: Page } = await import('../../src/app/(app)/archives/retention/page');
    const html = await render(() => Page({ searchParams: Promise.resolve({}) }) as Promise<ReactElement>);
    expect(html).toContain('到期档案须经鉴定小组鉴定后按规定处置，系统不会自动删除');
    expect(html).toContain('Z001-WS·1995-X-0002');
    expect(html).toContain('2025');
    expect(html).toContain('Z001-WS·2012-X-0003');
    expect(html).not.toContain('Z001-WS·2026-X-0001');
    expect(html).toContain('/api/archives/retention/export');
  }, 120_000);
});
