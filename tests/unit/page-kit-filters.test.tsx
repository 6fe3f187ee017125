import { describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';

vi.mock('next/navigation', () => ({ useRouter: () => ({ push: () => {} }) }));

const { FilterBar } = await import('../../src/ui/kit/filter-bar');

describe('FilterBar tree and date range filters', () => {
  it('renders a tree select showing the chosen node and a date range showing both ends', () => {
    const html = renderToStaticMarkup(
      <FilterBar
        path="/admin/audit"
        keep={{}}
        values={{ dept: 'd2', from: '2026-01-01', to: '2026-01-31' }}
        filters={[
          { kind: 'tree', key: 'dept', placeholder: '科室（含下级）', options: [{ value: 'd1', label: '本中心', children: [{ value: 'd2', label: '财务科' }] }] },
          { kind: 'dateRange', key: 'from', toKey: 'to', placeholder: ['开始日期', '结束日期'] },
        ]}
      />,
    );
    expect(html).toContain('t-tree-select');
    expect(html).toContain('财务科');
    expect(html).toContain('t-range-input');
    expect(html).toContain('value="2026-01-01"');
    expect(html).toContain('value="2026-01-31"');
  });

  it('an empty date range shows its placeholders', () => {
    const html = renderToStaticMarkup(
      <FilterBar path="/admin/audit" keep={{}} values={{}} filters={[{ kind: 'dateRange', key: 'from', toKey: 'to', placeholder: ['开始日期', '结束日期'] }]} />,
    );
    expect(html).toContain('placeholder="开始日期"');
    expect(html).toContain('placeholder="结束日期"');
  });

  it('is a GET form: the keyword box is named and the other filters and the order ride along, so Enter works before hydration', () => {
    const html = renderToStaticMarkup(
      <FilterBar
        path="/admin/audit"
        keep={{ sort: 'code', order: 'desc', size: 20 }}
        values={{ user: '王', result: '失败' }}
        filters={[
          { kind: 'keyword', key: 'user', placeholder: '姓名或登录名' },
          { kind: 'select', key: 'result', placeholder: '结果', options: [{ label: '失败', value: '失败' }] },
        ]}
      />,
    );
    expect(html).toMatch(/<form[^>]* action="\/admin\/audit" method="get"/);
    expect(html).toMatch(/<input[^>]*name="user"[^>]*value="王"|<input[^>]*value="王"[^>]*name="user"/);
    expect(html).toContain('<input type="hidden" name="result" value="失败"/>');
    expect(html).toContain('<input type="hidden" name="sort" value="code"/>');
    expect(html).toContain('<input type="hidden" name="order" value="desc"/>');
    // The keyword travels in its own box, not twice; the default page size is left out.
    expect(html).not.toContain('type="hidden" name="user"');
    expect(html).not.toContain('name="size"');
    expect(html).toMatch(/<button[^>]*type="submit"[^>]*>.*查询/);
  });
});
