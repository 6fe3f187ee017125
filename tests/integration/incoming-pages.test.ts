import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client';
import { users } from '../../src/platform/auth/schema';
import { seedFoundationDemo } from '../../src/modules/admin/demo-seed';
import { seedIncomingDemo } from '../../src/modules/documents/incoming/demo-seed';
import { incomingDocuments } from '../../src/modules/documents/incoming/schema';
import { useTestDatabase } from '../helpers/db';
import { browserRequest, sessionCookieFor, withRequest } from '../helpers/request-scope';

/*
 * The 收文 pages as the server renders them, for a signed-in demo user: the page functions read
 * the database and build their views, and the markup (server parts and client islands) renders
 * without error. Only next/headers (the request's cookies) and the client router are stand-ins.
 */
vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET = 'request-scope-test-secret-0123456789abcdef';
});
vi.mock('next/headers', async () => (await import('../helpers/request-scope')).nextHeadersFromScope);
vi.mock('next/navigation', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/navigation')>()),
  useRouter: () => ({ push: () => {}, refresh: () => {}, back: () => {} }),
}));

let database: Database;
const cookies = new Map<string, string>();

async function render(username: string, page: () => Promise<ReactElement>): Promise<string> {
  const element = await withRequest(browserRequest('/documents/incoming', { cookie: cookies.get(username) }), page);
  return renderToStaticMarkup(element);
}

beforeAll(async () => {
  database = await useTestDatabase();
  await seedFoundationDemo(database.db);
  await seedIncomingDemo(database.db);
  for (const username of ['clerk', 'chief', 'leader', 'archivist']) {
    const [u] = await database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
    cookies.set(username, await sessionCookieFor(database.db, u.id));
  }
});
afterAll(async () => {
  await database?.close();
});

describe('收文页面（服务端渲染）', () => {
  it('the list renders the demo documents with filters, the overdue tag and the export link', async () => {
    const { default: IncomingPage } = await import('../../src/app/(app)/documents/incoming/page');
    const html = await render('chief', () => IncomingPage({ searchParams: Promise.resolve({}) }) as Promise<ReactElement>);
    expect(html).toContain('共 6 件');
    expect(html).toContain('关于开展储备土地临时利用情况专项检查的通知');
    expect(html).toContain('逾期');
    expect(html).toContain('/api/documents/incoming/export');
    expect(html).toContain('登记收文');
    const overdue = await render('chief', () => IncomingPage({ searchParams: Promise.resolve({ overdue: '1', type: '坏值' }) }) as Promise<ReactElement>);
    expect(overdue).toContain('共 1 件');
    expect(overdue).toContain('以下筛选条件无效，已忽略：文种');
    // The first page load compiles the page kit and tdesign: slow on a busy machine.
  }, 120_000);

  it('the 登记 page renders the form', async () => {
    const { default: NewPage } = await import('../../src/app/(app)/documents/incoming/new/page');
    const html = await render('clerk', () => NewPage() as Promise<ReactElement>);
    expect(html).toContain('来文单位');
    expect(html).toContain('收文日期');
  });

  it('each demo document renders, with the step the viewer may take', async () => {
    const { default: DetailPage } = await import('../../src/app/(app)/documents/incoming/[id]/page');
    const docs = await database.db.select({ id: incomingDocuments.id, state: incomingDocuments.state, title: incomingDocuments.title }).from(incomingDocuments);
    const buttons: Record<string, [string, string]> = {
      registered: ['chief', '拟办'],
      proposed: ['leader', '领导批示'],
      instructed: ['chief', '分办'],
      handling: ['clerk', '退回分办'],
      completed: ['archivist', '归档'],
    };
    for (const d of docs) {
      const [user, button] = buttons[d.state] ?? ['chief', ''];
      const html = await render(user, () => DetailPage({ params: Promise.resolve({ id: d.id }) }) as Promise<ReactElement>);
      expect(html, d.state).toContain(d.title);
      expect(html, d.state).toContain('data-testid="incoming-timeline"');
      if (button) expect(html, `${d.state}: ${user}`).toContain(`>${button}<`);
      else expect(html, d.state).not.toContain('data-testid="incoming-actions"');
    }
  });
});

