import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Column } from '../../src/ui/kit/columns';
import { DataTable } from '../../src/ui/kit/data-table';
import { ExpandToggle } from '../../src/ui/kit/expand-toggle';
import { ObjectRef, objectRefText } from '../../src/ui/kit/object-ref';

describe('ObjectRef', () => {
  it('shows code and name as one link to the object', () => {
    const html = renderToStaticMarkup(<ObjectRef value={{ id: 'P1', code: '430922-2023-0005', name: '会龙山地块', href: '/parcels/P1' }} />);
    expect(html).toContain('href="/parcels/P1"');
    expect(html).toContain('class="lr-link lr-ref"');
    expect(html).toContain('<span class="lr-ref__code">430922-2023-0005</span>会龙山地块');
    expect(html).toContain('title="430922-2023-0005 会龙山地块"');
    expect(html).not.toContain('已删除');
  });

  it('without a link (a viewer who may not open the object): the same code and name, as plain text', () => {
    const html = renderToStaticMarkup(<ObjectRef value={{ id: 'U1', code: 'archivist', name: '陈档案（演示）' }} testId="ref" />);
    expect(html).not.toContain('<a');
    expect(html).not.toContain('lr-link');
    expect(html).toBe('<span class="lr-ref" title="archivist 陈档案（演示）" data-testid="ref"><span class="lr-ref__code">archivist</span>陈档案（演示）</span>');
  });

  it('a deleted object: the stored id and a muted 已删除, no link', () => {
    const html = renderToStaticMarkup(<ObjectRef value={{ id: '01JDELETED', deleted: true }} />);
    expect(html).not.toContain('<a');
    expect(html).toContain('01JDELETED');
    expect(html).toContain('<span class="lr-muted lr-gap">已删除</span>');
    expect(objectRefText({ id: '01JDELETED', deleted: true })).toBe('01JDELETED（已删除）');
  });

  it('an object that cannot be named shows its id as stored, not as deleted', () => {
    const html = renderToStaticMarkup(<ObjectRef value={{ id: 'FILE-1' }} />);
    expect(html).toContain('FILE-1');
    expect(html).not.toContain('已删除');
    expect(html).not.toContain('<a');
  });

  it('a name without a code or a link', () => {
    expect(objectRefText({ id: 'x', name: '入库后未供应的预警期限' })).toBe('入库后未供应的预警期限');
    const html = renderToStaticMarkup(<ObjectRef value={{ id: 'x', name: '综合科' }} />);
    expect(html).not.toContain('lr-ref__code');
    expect(html).not.toContain('<a');
  });
});

describe('DataTable expandedRow', () => {
  type Row = { id: string; name: string; diff: string };
  const columns: Column<Row>[] = [
    { key: 'x', title: '', kind: 'actions', width: 40, render: () => <ExpandToggle label="展开字段变化" /> },
    { key: 'name', title: '名称', kind: 'name', value: (r) => r.name },
  ];
  const rows: Row[] = [
    { id: 'a', name: '甲', diff: '甲的变化' },
    { id: 'b', name: '乙', diff: '乙的变化' },
  ];

  it('puts each row’s details in the row after it, spanning the table, behind a check box toggle', () => {
    const html = renderToStaticMarkup(<DataTable columns={columns} rows={rows} rowKey={(r) => r.id} expandedRow={(r) => <b>{r.diff}</b>} />);
    const body = html.slice(html.indexOf('<tbody'), html.indexOf('</tbody>'));
    const trs = body.match(/<tr[^>]*>.*?<\/tr>/g) ?? [];
    expect(trs).toHaveLength(4);
    expect(trs[0]).toContain('甲');
    expect(trs[0]).toContain('type="checkbox"');
    expect(trs[0]).toContain('aria-label="展开字段变化"');
    expect(trs[1]).toContain('class="lr-expanded"');
    expect(trs[1]).toMatch(/colspan="2"/i);
    expect(trs[1]).toContain('<b>甲的变化</b>');
    expect(trs[3]).toContain('<b>乙的变化</b>');
  });

  it('expandedOpen: the details are always shown, marked open', () => {
    const html = renderToStaticMarkup(<DataTable columns={columns} rows={rows} rowKey={(r) => r.id} expandedRow={(r) => r.diff} expandedOpen />);
    expect(html.match(/class="lr-expanded lr-expanded--open"/g)).toHaveLength(2);
    const closed = renderToStaticMarkup(<DataTable columns={columns} rows={rows} rowKey={(r) => r.id} expandedRow={(r) => r.diff} />);
    expect(closed).not.toContain('lr-expanded--open');
  });

  it('adds no rows without expandedRow', () => {
    const html = renderToStaticMarkup(<DataTable columns={columns} rows={rows} rowKey={(r) => r.id} />);
    expect(html).not.toContain('lr-expanded');
    expect((html.match(/<tr/g) ?? []).length).toBe(3);
  });
});

describe('DataTable stripes', () => {
  it('are left off when rows have details (the hidden detail rows would make every row look striped)', () => {
    const columns: Column<{ id: string }>[] = [{ key: 'id', title: '编号', kind: 'code', value: (r) => r.id }];
    const rows = [{ id: 'a' }, { id: 'b' }];
    expect(renderToStaticMarkup(<DataTable columns={columns} rows={rows} rowKey={(r) => r.id} striped />)).toContain('t-table--striped');
    expect(renderToStaticMarkup(<DataTable columns={columns} rows={rows} rowKey={(r) => r.id} striped expandedRow={(r) => r.id} />)).not.toContain('t-table--striped');
  });
});
