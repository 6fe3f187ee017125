import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Column } from '../../src/ui/kit/columns';
import { DataTable } from '../../src/ui/kit/data-table';
import { ListPage } from '../../src/ui/kit/list-page';

type Row = { id: string; name: string; budget: string; spent: string; area: string };

const COLUMNS: Column<Row>[] = [
  { key: 'name', title: '项目', kind: 'name', value: (r) => r.name },
  { key: 'budget', title: '全生命周期预算', kind: 'money', value: (r) => r.budget },
  { key: 'spent', title: '累计支出', kind: 'money', value: (r) => r.spent },
  { key: 'area', title: '面积', kind: 'area', value: (r) => r.area },
];
const ROWS: Row[] = [{ id: 'a', name: '会龙山片区', budget: '123456789', spent: '1000000', area: '10000' }];

function headers(html: string): string[] {
  return [...html.matchAll(/<th[^>]*title="([^"]*)"/g)].map((m) => m[1]);
}

describe('DataTable unitCaption', () => {
  it('states the money unit once above the table and keeps the money headers bare', () => {
    const html = renderToStaticMarkup(<DataTable columns={COLUMNS} rows={ROWS} rowKey={(r) => r.id} moneyUnit="万元" unitCaption />);
    expect(html).toContain('金额单位：万元');
    expect(html.indexOf('金额单位：万元')).toBeLessThan(html.indexOf('<table'));
    // Area keeps its own unit: the caption is about money only.
    expect(headers(html)).toEqual(['项目', '全生命周期预算', '累计支出', '面积（亩）']);
    // The figures are still in the table's unit.
    expect(html).toContain('12,345.68');
    expect(html).toContain('100.00');
  });

  it('without it, each money header names the unit and there is no caption', () => {
    const html = renderToStaticMarkup(<DataTable columns={COLUMNS} rows={ROWS} rowKey={(r) => r.id} moneyUnit="元" />);
    expect(html).not.toContain('金额单位');
    expect(headers(html)).toEqual(['项目', '全生命周期预算（元）', '累计支出（元）', '面积（亩）']);
    expect(html).toContain('123,456,789.00');
  });

  it('unitStated: the unit is stated by what holds the table — bare money headers and no caption', () => {
    const html = renderToStaticMarkup(<DataTable columns={COLUMNS} rows={ROWS} rowKey={(r) => r.id} moneyUnit="万元" unitStated />);
    expect(html).not.toContain('金额单位');
    expect(html).not.toContain('万元');
    expect(headers(html)).toEqual(['项目', '全生命周期预算', '累计支出', '面积（亩）']);
    expect(html).toContain('12,345.68');
  });
});

describe('ListPage filterBar', () => {
  const base = {
    title: '列表',
    path: '/x',
    totalText: '共 1 项',
    table: { columns: COLUMNS, rows: ROWS, rowKey: (r: Row) => r.id },
    paging: { page: 1, size: 20, total: 1 },
  };

  it('renders the page’s own filter island in place of the declared bar, before the toolbar', () => {
    const html = renderToStaticMarkup(
      <ListPage<Row> {...base} filters={{ defs: [], values: { q: 'abc' } }} filterBar={<span data-testid="own-filters">自定义筛选</span>} toolbar={<a href="/new">新建</a>} />,
    );
    expect(html).toContain('自定义筛选');
    expect(html.indexOf('自定义筛选')).toBeLessThan(html.indexOf('新建'));
    // The declared bar is not rendered as well (its 查询 button would be a second one).
    expect(html).not.toContain('查询');
  });

  it('a filter island alone still gets the toolbar row', () => {
    const html = renderToStaticMarkup(<ListPage<Row> {...base} filterBar={<span>自定义筛选</span>} />);
    expect(html).toContain('class="lr-toolbar"');
    expect(html).toContain('自定义筛选');
  });
});
