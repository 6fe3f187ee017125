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
});
