'use client';
import { Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import { ErrorCircleIcon } from 'tdesign-icons-react';
import type { ImportPreviewFeature } from '../service';
import { importAreaTexts, NOT_STATED } from '../view';

const NOWRAP = { whiteSpace: 'nowrap' } as const;
const SUB = { fontSize: 12, whiteSpace: 'nowrap' } as const;

/** Two stacked figures, right-aligned: the main one and a muted one below. */
function Figures(props: { main: string; sub: string; tone?: 'warning' }) {
  const color = props.tone === 'warning' ? 'var(--td-warning-color)' : undefined;
  return (
    <div style={{ ...NOWRAP, color, fontVariantNumeric: 'tabular-nums' }}>
      {props.main}
      {props.sub && (
        <div className={color ? undefined : 'lr-muted'} style={SUB}>
          {props.sub}
        </div>
      )}
    </div>
  );
}

function CheckResult({ row }: { row: ImportPreviewFeature }) {
  return (
    <div style={{ display: 'grid', gap: 4 }}>
      {row.problems.length === 0 ? (
        <span>
          <Tag theme="success" variant="light">
            可导入
          </Tag>
        </span>
      ) : (
        <div style={{ color: 'var(--td-error-color)' }}>{row.problems.join('；')}</div>
      )}
      {row.warnings.map((w) => (
        <div key={w} style={{ color: 'var(--td-warning-color)' }} data-testid="import-warning">
          <ErrorCircleIcon style={{ marginRight: 4, verticalAlign: '-2px' }} />
          {w}
        </div>
      ))}
    </div>
  );
}

/** The parcels of a previewed file: what will be imported, the computed and stated areas, the checks. */
export function ImportPreviewTable(props: { features: ImportPreviewFeature[] }) {
  const columns: PrimaryTableCol<ImportPreviewFeature>[] = [
    { colKey: 'index', title: '序号', width: 56, align: 'center', cell: ({ row }) => row.index + 1 },
    { colKey: 'code', title: '地块编号', width: 136, cell: ({ row }) => <span style={NOWRAP}>{row.code}</span> },
    { colKey: 'name', title: '名称', ellipsis: true },
    { colKey: 'plannedUse', title: '用途', width: 88, ellipsis: true },
    { colKey: 'districtName', title: '所在区县', width: 80, cell: ({ row }) => <span style={NOWRAP}>{row.districtName ?? '—'}</span> },
    {
      colKey: 'areaM2',
      title: '计算面积',
      width: 116,
      align: 'right',
      cell: ({ row }) => {
        const t = importAreaTexts(row);
        return <Figures main={t.computedMu} sub={t.computedM2} />;
      },
    },
    {
      colKey: 'statedAreaM2',
      title: '申报面积',
      width: 116,
      align: 'right',
      cell: ({ row }) => {
        const t = importAreaTexts(row);
        return t.statedMu === NOT_STATED ? <span className="lr-muted">{NOT_STATED}</span> : <Figures main={t.statedMu} sub={t.statedM2} />;
      },
    },
    {
      colKey: 'areaDiffM2',
      title: '差异',
      width: 96,
      align: 'right',
      cell: ({ row }) => {
        const t = importAreaTexts(row);
        if (!t.diffM2) return <span className="lr-muted">—</span>;
        return <Figures main={t.diffPercent || '—'} sub={t.diffM2} tone={row.warnings.length ? 'warning' : undefined} />;
      },
    },
    { colKey: 'problems', title: '检查结果', width: 280, cell: ({ row }) => <CheckResult row={row} /> },
  ];
  return (
    <Table<ImportPreviewFeature>
      rowKey="index"
      data={props.features}
      columns={columns}
      size="small"
      tableLayout="fixed"
      rowClassName={({ row }) => (row.warnings.length ? 'lr-row--warning' : '')}
    />
  );
}
