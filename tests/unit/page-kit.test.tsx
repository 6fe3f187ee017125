import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { fixedWidth, formatCell, headerText, KIND_STYLES, type Column } from '../../src/ui/kit/columns';
import { DataTable } from '../../src/ui/kit/data-table';
import { DescList } from '../../src/ui/kit/desc-list';
import { Pagination } from '../../src/ui/kit/pagination';
import { listHref, listQueryString, pagerPages, sortHref } from '../../src/ui/kit/query';

type Row = { id: string; code: string; name: string; amount: string; on: string; area: string };

const COLUMNS: Column<Row>[] = [
  { key: 'code', title: '编号', kind: 'code', value: (r) => r.code, href: (r) => `/x/${r.id}`, sortKey: 'code' },
  { key: 'name', title: '名称', kind: 'name', value: (r) => r.name },
  { key: 'amount', title: '金额', kind: 'money', value: (r) => r.amount },
  { key: 'area', title: '面积', kind: 'area', value: (r) => r.area },
  { key: 'on', title: '日期', kind: 'date', value: (r) => r.on },
];
const ROWS: Row[] = [
  { id: 'a', code: 'YY-2026-001', name: '会龙山片区收储项目（名称很长很长很长很长很长）', amount: '12345678.9', on: '2026-05-01', area: '10000' },
  { id: 'b', code: 'YY-2026-002', name: '资阳片区', amount: '-50000', on: '', area: '666.67' },
];

describe('column kinds', () => {
  it('formats each kind: money in the table unit, area in 亩, percent, counts; nothing is a blank', () => {
    expect(formatCell('money', '12345678.9')).toBe('12,345,678.90');
    expect(formatCell('money', '12345678.9', '万元')).toBe('1,234.57');
    expect(formatCell('money', '-50000', '万元')).toBe('-5.00');
    expect(formatCell('area', '10000')).toBe('15.00');
    expect(formatCell('percent', '87.5')).toBe('87.50%');
    expect(formatCell('count', 12345)).toBe('12,345');
    expect(formatCell('date', null)).toBe('');
  });

  it('money and area headers state their unit once', () => {
    expect(headerText({ title: '预算', kind: 'money' }, '万元')).toBe('预算（万元）');
    expect(headerText({ title: '预算（元）', kind: 'money' }, '万元')).toBe('预算（元）');
    expect(headerText({ title: '面积', kind: 'area' }, '元')).toBe('面积（亩）');
  });

  it('codes and dates have a fixed width; names share what is left', () => {
    expect(KIND_STYLES.code.width).toBeGreaterThan(0);
    expect(KIND_STYLES.date.width).toBeGreaterThan(0);
    expect(KIND_STYLES.name.width).toBeUndefined();
    expect(fixedWidth(COLUMNS)).toBe(KIND_STYLES.code.width! + KIND_STYLES.money.width! + KIND_STYLES.area.width! + KIND_STYLES.date.width!);
  });
});

describe('DataTable', () => {
  const html = renderToStaticMarkup(
    <DataTable columns={COLUMNS} rows={ROWS} rowKey={(r) => r.id} moneyUnit="万元" sort={{ key: 'code', order: 'asc' }} sortLink={(k) => `/x?sort=${k}`} totals={{ values: { amount: '12295678.9' } }} />,
  );

  it('renders a fixed-layout TDesign table with one col width per fixed kind', () => {
    expect(html).toContain('class="t-table t-size-s t-table--hoverable lr-table"');
    expect(html).toContain('<col style="width:150px"/><col/>');
  });

  it('aligns amounts right in tabular digits, in the unit the header states, and shows a dash for nothing', () => {
    expect(html).toContain('金额（万元）');
    expect(html).toContain('<td class="t-align-right lr-num">1,234.57</td>');
    expect(html).toContain('<td class="lr-num"><span class="lr-muted">—</span></td>');
  });

  it('gives a name its whole text as a tooltip and links a code in the one link style', () => {
    expect(html).toContain(`title="${ROWS[0].name}"`);
    expect(html).toContain('<a class="lr-link" href="/x/a">YY-2026-001</a>');
  });

  it('marks the sorted column and links its header', () => {
    expect(html).toContain('aria-sort="ascending"');
    expect(html).toContain('<a class="lr-sort lr-sort--asc" href="/x?sort=code">');
  });

  it('draws the totals row with the same columns, so it lines up', () => {
    expect(html).toMatch(/<tfoot class="t-table__footer"><tr class="lr-total"><td class="lr-num">合计<\/td><td><\/td><td class="t-align-right lr-num">1,229.57<\/td><td class="t-align-right lr-num"><\/td><td class="lr-num"><\/td><\/tr><\/tfoot>/);
  });

  it('says so when there are no rows, and has no totals then', () => {
    const empty = renderToStaticMarkup(<DataTable columns={COLUMNS} rows={[]} rowKey={(r) => r.id} empty="没有符合条件的项目" totals={{ values: {} }} />);
    expect(empty).toContain('没有符合条件的项目');
    expect(empty).toContain('colSpan="5"');
    expect(empty).not.toContain('tfoot');
  });
});

describe('list URLs', () => {
  it('leave out empty values and the defaults', () => {
    expect(listQueryString({ q: ' 会龙山 ', stage: undefined, page: 1, size: 20, order: 'desc' })).toBe('q=%E4%BC%9A%E9%BE%99%E5%B1%B1&order=desc');
    expect(listHref('/parcels', { page: 2, size: 50 })).toBe('/parcels?page=2&size=50');
  });

  it('sort a header ascending, then descending, then back to the default order, from page 1', () => {
    const state = { q: 'x', page: 3 };
    expect(sortHref('/p', state, 'code', {})).toBe('/p?q=x&sort=code&order=asc');
    expect(sortHref('/p', state, 'code', { sort: 'code', order: 'asc' })).toBe('/p?q=x&sort=code&order=desc');
    expect(sortHref('/p', state, 'code', { sort: 'code', order: 'desc' })).toBe('/p?q=x');
  });

  it('page through with the first, last and neighbouring pages', () => {
    expect(pagerPages(1, 1)).toEqual([1]);
    expect(pagerPages(1, 15)).toEqual([1, 2, 3, null, 15]);
    expect(pagerPages(8, 15)).toEqual([1, null, 6, 7, 8, 9, 10, null, 15]);
    expect(pagerPages(14, 15)).toEqual([1, null, 12, 13, 14, 15]);
  });
});

describe('Pagination and DescList', () => {
  it('pages by links that keep the filters, with a GET jump form', () => {
    const html = renderToStaticMarkup(<Pagination path="/parcels" state={{ stage: '已入库', size: 20 }} page={2} size={20} total={45} unit="宗" />);
    expect(html).toContain('共 45 宗');
    expect(html).toContain('href="/parcels?stage=%E5%B7%B2%E5%85%A5%E5%BA%93"');
    expect(html).toContain('href="/parcels?stage=%E5%B7%B2%E5%85%A5%E5%BA%93&amp;page=3"');
    expect(html).toContain('<input type="hidden" name="stage" value="已入库"/>');
    expect(html).toContain('aria-current="page">2</li>');
  });

  it('lays out label/value pairs by rows of `column`, the last item filling its row', () => {
    const html = renderToStaticMarkup(<DescList column={2} items={[{ label: '甲', content: '1' }, { label: '乙', content: null }, { label: '丙', content: '3' }]} />);
    expect(html).toContain('<td class="t-descriptions__label">乙</td><td class="t-descriptions__content" colSpan="1"><span class="lr-muted">—</span></td>');
    expect(html).toContain('<td class="t-descriptions__label">丙</td><td class="t-descriptions__content" colSpan="3">3</td>');
  });
});

describe('a demo record', () => {
  type R = { id: string; code: string; isDemo: boolean };
  const columns: Column<R>[] = [
    { key: 'code', title: '编号', kind: 'code', value: (r) => r.code, href: (r) => `/x/${r.id}`, demo: (r) => r.isDemo },
    { key: 'mark', title: '标记', kind: 'text', render: (r) => <b>{r.code}</b>, demo: (r) => r.isDemo },
  ];
  it('carries the 演示 tag after its content, in formatted and rendered cells alike; a real one does not', () => {
    const demo = renderToStaticMarkup(<DataTable columns={columns} rows={[{ id: 'a', code: 'YY-1', isDemo: true }]} rowKey={(r) => r.id} />);
    expect(demo).toContain('<a class="lr-link" href="/x/a">YY-1</a><span class="t-tag t-tag--warning t-tag--light t-size-s lr-gap">演示</span>');
    expect(demo).toContain('<b>YY-1</b><span class="t-tag t-tag--warning t-tag--light t-size-s lr-gap">演示</span>');
    const plain = renderToStaticMarkup(<DataTable columns={[{ ...columns[0], href: undefined }]} rows={[{ id: 'a', code: 'YY-1', isDemo: true }]} rowKey={(r) => r.id} />);
    expect(plain).toContain('<span>YY-1</span><span class="t-tag t-tag--warning');
    const real = renderToStaticMarkup(<DataTable columns={columns} rows={[{ id: 'b', code: 'YY-2', isDemo: false }]} rowKey={(r) => r.id} />);
    expect(real).not.toContain('演示');
  });
});
