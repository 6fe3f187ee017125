import { expect, test, type Page } from '@playwright/test';
import { login } from './helpers';

/*
 * 等保 8.1.4 (入侵防范 / 软件容错): every list page, with a hostile value in each of its filter
 * parameters in turn, answers without a 5xx; a value the list cannot use (control characters,
 * 10,000 characters, an impossible date, anything that is not one of a select's choices) is
 * ignored with a Chinese notice above the list (the kit's rule: parseListFilter).
 */

const NOTICE = '以下筛选条件无效，已忽略';

const HOSTILE = {
  nul: 'a\u0000b',
  c1: 'a\u0085b',
  long: 'x'.repeat(10_000),
  badDate: '2026-13-45',
  feb30: '2026-02-30',
  sql: "' OR 1=1; DROP TABLE parcels; --",
  traversal: '../../../../etc/passwd',
} as const;
type Kind = keyof typeof HOSTILE;

/** Values every parameter must refuse (no filter takes them). */
const ALWAYS_REFUSED: Kind[] = ['nul', 'c1', 'long'];

interface ListCase {
  path: string;
  user: string;
  /** The page's filter parameters. */
  params: string[];
  /** Free-text search parameters: SQL or path text is a legitimate (if fruitless) search there. */
  text?: string[];
  /** Record-id parameters: any short [0-9A-Za-z_-] value is a well-formed id (that matches nothing). */
  ids?: string[];
}

const LISTS: ListCase[] = [
  { path: '/plans', user: 'leader', params: ['type', 'year', 'status', 'sort', 'order', 'page', 'size'] },
  { path: '/projects', user: 'leader', params: ['q', 'route', 'plan', 'status', 'sort', 'order', 'page', 'size'], text: ['q'], ids: ['plan'] },
  { path: '/parcels', user: 'leader', params: ['q', 'stage', 'district', 'project', 'use', 'year', 'warn', 'sort', 'order', 'page', 'size'], text: ['q', 'use'], ids: ['project'] },
  { path: '/funds/ledger', user: 'finance', params: ['q', 'direction', 'status', 'category', 'project', 'year', 'month', 'mine', 'sort', 'order', 'page', 'size'], text: ['q'], ids: ['project'] },
  { path: '/funds/budgets', user: 'finance', params: ['year', 'q', 'only', 'page', 'size'], text: ['q'] },
  { path: '/funds/projects', user: 'finance', params: ['q', 'status', 'year', 'page', 'size'], text: ['q'] },
  { path: '/funds/accounts', user: 'finance', params: ['source', 'status', 'page', 'size'] },
  { path: '/admin/users', user: 'sysadmin', params: ['q', 'dept', 'status', 'page', 'size'], text: ['q'], ids: ['dept'] },
  { path: '/admin/audit', user: 'auditadmin', params: ['user', 'action', 'object', 'result', 'from', 'to', 'page', 'size'], text: ['user', 'action', 'object'] },
];

/** The exports share the lists' filters: a hostile value must not fail them either. */
const EXPORTS: { path: string; user: string; params: string[] }[] = [
  { path: '/api/parcels/export', user: 'leader', params: ['q', 'year', 'sort'] },
  { path: '/api/funds/ledger/export', user: 'finance', params: ['q', 'year', 'month'] },
  { path: '/api/admin/audit/export', user: 'auditadmin', params: ['user', 'from', 'to'] },
];

function shouldBeRefused(list: ListCase, param: string, kind: Kind): boolean {
  if (ALWAYS_REFUSED.includes(kind)) return true;
  if (list.text?.includes(param)) return false;
  if (list.ids?.includes(param)) return kind !== 'badDate' && kind !== 'feb30';
  // An impossible date is refused by date filters (from/to) and by every choice/number filter alike.
  return true;
}

async function get(page: Page, path: string, param: string, value: string) {
  const url = `${path}?${new URLSearchParams({ [param]: value }).toString()}`;
  const res = await page.request.get(url, { maxRedirects: 0 });
  return { url, status: res.status(), body: await res.text() };
}

for (const list of LISTS) {
  test(`list ${list.path}: hostile filter values never give a 5xx and are reported in Chinese`, async ({ page }) => {
    test.setTimeout(180_000);
    await login(page, list.user);
    const failures: string[] = [];
    for (const param of list.params) {
      for (const kind of Object.keys(HOSTILE) as Kind[]) {
        const { url, status, body } = await get(page, list.path, param, HOSTILE[kind]);
        if (status >= 500 || status !== 200) {
          failures.push(`${url.slice(0, 80)} → ${status}`);
          continue;
        }
        const noticed = body.includes(NOTICE);
        if (shouldBeRefused(list, param, kind) !== noticed) failures.push(`${url.slice(0, 80)} → notice ${noticed ? 'shown' : 'missing'}`);
      }
    }
    expect(failures).toEqual([]);
  });
}

test('list notice names the ignored filter and its reason', async ({ page }) => {
  await login(page, 'auditadmin');
  await page.goto('/admin/audit?from=2026-02-30&user=%00');
  await expect(page.getByTestId('filter-notice')).toContainText(`${NOTICE}：用户（不能包含控制字符）、起始日期（不是有效日期）`);
  await page.goto('/admin/audit?from=2026-02-28');
  await expect(page.getByTestId('filter-notice')).toHaveCount(0);
});

for (const exp of EXPORTS) {
  test(`export ${exp.path}: hostile filter values never give a 5xx`, async ({ page }) => {
    test.setTimeout(120_000);
    await login(page, exp.user);
    const failures: string[] = [];
    for (const param of exp.params) {
      for (const kind of Object.keys(HOSTILE) as Kind[]) {
        const { url, status } = await get(page, exp.path, param, HOSTILE[kind]);
        if (status >= 500) failures.push(`${url.slice(0, 80)} → ${status}`);
      }
    }
    expect(failures).toEqual([]);
  });
}
