'use client';
import { useState } from 'react';
import { Button, MessagePlugin, Popconfirm, Space, Table, Tag, type PrimaryTableCol } from 'tdesign-react';
import { AddIcon } from 'tdesign-icons-react';
import { useRunAction } from '@/ui/use-run-action';
import { deletePartyAction, revealPersonalInfoAction } from '../actions';
import { formatYuan } from '../fields';
import type { PartyView } from '../queries';
import { PartyDialog } from './party-dialog';

type Revealed = Record<string, { idNumber: string | null; phone: string | null; problems: { idNumber: string | null; phone: string | null } }>;

/** A revealed field, or its integrity failure in red (what decrypts from an altered value is never shown). */
function PersonalValue(props: { value: string | null; problem: string | null }) {
  if (props.problem) return <span style={{ color: 'var(--td-error-color)' }} data-testid="personal-integrity">{props.problem}</span>;
  return <>{props.value ?? '—'}</>;
}

function ItemsTable({ party }: { party: PartyView }) {
  if (party.items.length === 0) return <div className="lr-muted">未填写补偿明细，仅登记协议总额。</div>;
  const row = { display: 'grid', gridTemplateColumns: '180px 160px minmax(0, 1fr)', gap: 16, padding: '4px 0' } as const;
  return (
    <div role="table" aria-label={`${party.name}的补偿明细`} style={{ maxWidth: 720 }}>
      <div role="row" className="lr-muted" style={{ ...row, fontSize: 13 }}>
        <span role="columnheader">补偿类别</span>
        <span role="columnheader" style={{ textAlign: 'right' }}>
          金额（元）
        </span>
        <span role="columnheader">说明</span>
      </div>
      {party.items.map((i) => (
        <div role="row" key={i.id} style={row}>
          <span role="cell">{i.category}</span>
          <span role="cell" style={{ textAlign: 'right' }}>
            {formatYuan(i.amount)}
          </span>
          <span role="cell">{i.note ?? ''}</span>
        </div>
      ))}
      <div role="row" style={{ ...row, fontWeight: 600, borderTop: '1px solid var(--td-component-stroke)' }}>
        <span role="cell">合计</span>
        <span role="cell" style={{ textAlign: 'right' }}>
          {formatYuan(party.itemsTotal)}
        </span>
        <span role="cell" />
      </div>
    </div>
  );
}

/** 新增补偿对象: the party dialog is the island. */
export function AddPartyButton(props: { parcelId: string; today: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<AddIcon />} onClick={() => setOpen(true)}>
        新增补偿对象
      </Button>
      {open && <PartyDialog parcelId={props.parcelId} party={null} today={props.today} onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * The compensated parties: an island, because a row's personal data is revealed on request
 * (masked until then), its items expand under it, and it is edited or deleted in place.
 */
export function PartiesTable(props: { parcelId: string; parties: PartyView[]; editable: boolean; canReveal: boolean; today: string }) {
  const editable = props.editable;
  const [editing, setEditing] = useState<{ party: PartyView | null } | null>(null);
  const [revealed, setRevealed] = useState<Revealed>({});
  const [revealing, setRevealing] = useState<string | null>(null);
  const { run } = useRunAction();

  const reveal = async (id: string) => {
    setRevealing(id);
    try {
      const res = await revealPersonalInfoAction({ id });
      if (!res.ok) {
        void MessagePlugin.error(res.error);
        return;
      }
      setRevealed((r) => ({ ...r, [id]: { idNumber: res.data.idNumber, phone: res.data.phone, problems: res.data.problems } }));
      if (res.data.problems.idNumber || res.data.problems.phone) void MessagePlugin.warning('部分字段未通过数据完整性校验，已标红且不显示其内容；本次查看已记入审计日志');
      else void MessagePlugin.info('已显示完整信息，本次查看已记入审计日志');
    } catch {
      void MessagePlugin.error('无法连接服务器，请稍后重试');
    } finally {
      setRevealing(null);
    }
  };
  const hide = (id: string) =>
    setRevealed((r) => {
      const next = { ...r };
      delete next[id];
      return next;
    });

  const columns: PrimaryTableCol<PartyView>[] = [
    {
      colKey: 'name',
      title: '姓名 / 单位',
      cell: ({ row }) => (
        <div style={{ whiteSpace: 'nowrap' }}>
          {row.name}
          <div className="lr-muted" style={{ fontSize: 12 }}>
            {row.partyType}
          </div>
        </div>
      ),
    },
    {
      colKey: 'idNumber',
      title: '证件号码 / 联系电话',
      cell: ({ row }) => {
        const shown = revealed[row.id];
        return (
          <div style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }} data-testid="party-personal">
            <div>{shown ? <PersonalValue value={shown.idNumber} problem={shown.problems.idNumber} /> : (row.idNumberMasked ?? '—')}</div>
            <div className="lr-muted">{shown ? <PersonalValue value={shown.phone} problem={shown.problems.phone} /> : (row.phoneMasked ?? '—')}</div>
          </div>
        );
      },
    },
    {
      colKey: 'agreement',
      title: '补偿协议',
      cell: ({ row }) => (
        <div style={{ whiteSpace: 'nowrap' }}>
          {row.agreementNo ?? '—'}
          <div className="lr-muted" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {row.agreementSignedOn ? `${row.agreementSignedOn} 签订` : '未签订'}
          </div>
        </div>
      ),
    },
    { colKey: 'amountAgreed', title: '协议金额（元）', align: 'right', cell: ({ row }) => formatYuan(row.amountAgreed) },
    { colKey: 'paidApproved', title: '已支付（元，已审批）', align: 'right', cell: ({ row }) => formatYuan(row.paidApproved) },
    {
      colKey: 'pendingTotal',
      title: '审批中（元）',
      align: 'right',
      cell: ({ row }) =>
        row.pendingPayments.length === 0 ? (
          <span className="lr-muted">—</span>
        ) : (
          <div data-testid="party-pending">
            {formatYuan(row.pendingTotal)}
            {row.pendingPayments.map((p) => (
              <div key={p.id} className="lr-muted" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                <a href={`/funds/ledger/${p.id}`} style={{ color: 'inherit' }}>
                  {p.entryNo}
                </a>{' '}
                {p.statusLabel}
              </div>
            ))}
          </div>
        ),
    },
    { colKey: 'unpaid', title: '未支付（元）', align: 'right', cell: ({ row }) => formatYuan(row.unpaid) },
    {
      colKey: 'status',
      title: '状态',
      cell: ({ row }) => (
        <Space size={4} direction="vertical">
          <Tag size="small" variant="light" theme={row.signed ? 'success' : 'warning'}>
            {row.signed ? '已签约' : '未签约'}
          </Tag>
          <Tag size="small" variant="light" theme={row.fullyPaid ? 'success' : 'warning'}>
            {row.fullyPaid ? '已付清' : '未付清'}
          </Tag>
          {row.overRegistered && (
            <span title="已登记的支付超过协议金额（原协议中的税费等项目费用已移出）：请在资金管理中核对，冲销多登记的支付">
              <Tag size="small" variant="light" theme="danger">
                超协议 {formatYuan(row.overRegistered)} 元
              </Tag>
            </span>
          )}
        </Space>
      ),
    },
    {
      colKey: 'op',
      title: '操作',
      cell: ({ row }) => (
        <Space size={0} breakLine>
          {props.canReveal &&
            (revealed[row.id] ? (
              <Button size="small" variant="text" onClick={() => hide(row.id)}>
                隐藏
              </Button>
            ) : (
              <Button size="small" variant="text" theme="primary" loading={revealing === row.id} onClick={() => reveal(row.id)}>
                查看完整信息
              </Button>
            ))}
          {editable && (
            <>
              <Button size="small" variant="text" theme="primary" onClick={() => setEditing({ party: row })}>
                编辑
              </Button>
              <Popconfirm
                content={`删除补偿对象「${row.name}」及其补偿明细？`}
                theme="danger"
                onConfirm={() => run(() => deletePartyAction({ id: row.id }), `已删除补偿对象「${row.name}」`)}
              >
                <Button size="small" variant="text" theme="danger">
                  删除
                </Button>
              </Popconfirm>
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Table
          rowKey="id"
          data={props.parties}
          columns={columns}
          expandedRow={({ row }) => <ItemsTable party={row} />}
          expandOnRowClick={false}
          empty="尚未登记补偿对象"
          tableLayout="auto"
          size="small"
          hover
        />
      {editing && <PartyDialog parcelId={props.parcelId} party={editing.party} today={props.today} onClose={() => setEditing(null)} />}
    </>
  );
}
