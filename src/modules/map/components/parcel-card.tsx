'use client';
import Link from 'next/link';
import { Button, Loading, Tag, Tooltip } from 'tdesign-react';
import { CloseIcon } from 'tdesign-icons-react';
import { formatWan, groupThousands } from '@/modules/plans/amounts';
import { PARCEL_TABS } from '@/modules/parcels/components/parcel-header';
import { STAGE_COLORS, WARNING_COLORS } from '../tiles/colors';
import type { ParcelCard as TParcelCard } from '../queries';

const LINK = { color: 'var(--td-brand-color)', textDecoration: 'none' } as const;

/** Key facts of the clicked or found parcel, with links to its pages. */
export function ParcelCard(props: { card: TParcelCard | null; loading: boolean; error: string | null; onClose: () => void }) {
  const { card } = props;
  return (
    <section className="lr-map-panel lr-map-card" aria-label="地块信息" data-testid="parcel-card" aria-busy={props.loading}>
      <header className="lr-map-panel__title" style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
        <span style={{ flex: 1, minWidth: 0 }}>
          {card ? (
            <>
              <span data-testid="card-code">{card.code}</span> <span className="lr-muted">{card.name}</span>
            </>
          ) : (
            '地块信息'
          )}
        </span>
        {props.loading && <Loading size="small" />}
        <Button shape="square" variant="text" size="small" icon={<CloseIcon />} aria-label="关闭地块信息" onClick={props.onClose} />
      </header>
      {props.error && <div className="lr-map-error">{props.error}</div>}
      {card && (
        <>
          <dl className="lr-map-facts">
            <dt>环节</dt>
            <dd>
              <Tag size="small" variant="light-outline" color={STAGE_COLORS[card.stage]} data-testid="card-stage" data-stage={card.stage}>
                {card.stage}
              </Tag>{' '}
              <span className="lr-muted">
                自 {card.stageSince} 起 {card.daysInStage} 天
              </span>
            </dd>
            <dt>面积</dt>
            <dd>
              {groupThousands(card.areaMu)} 亩 <span className="lr-muted">（{groupThousands(card.areaM2)} ㎡）</span>
            </dd>
            <dt>所属项目</dt>
            <dd>
              {card.project ? (
                <Link href={`/projects/${card.project.id}`} style={LINK}>
                  {card.project.code} {card.project.name}
                </Link>
              ) : (
                <span className="lr-muted">—</span>
              )}
            </dd>
            <dt>区县</dt>
            <dd>{card.districtName ?? <span className="lr-muted">—</span>}</dd>
            <dt>规划用途</dt>
            <dd>{card.plannedUse ?? <span className="lr-muted">—</span>}</dd>
            {card.value && (
              <>
                <dt>估算价值</dt>
                <dd>
                  {formatWan(card.value.amount)} 万元 <span className="lr-muted">（{card.value.basis}）</span>
                </dd>
              </>
            )}
            <dt>预警</dt>
            <dd data-testid="card-warnings">
              {card.warnings.length === 0 ? (
                <span className="lr-muted">无</span>
              ) : (
                <ul className="lr-map-warnings">
                  {card.warnings.map((w, i) => (
                    <li key={i}>
                      <Tooltip content={w.level === 'red' ? '红色预警：已超期或超限' : '黄色预警：即将到期'}>
                        <span className="lr-map-dot" style={{ background: WARNING_COLORS[w.level] }} aria-label={w.level === 'red' ? '红色预警' : '黄色预警'} />
                      </Tooltip>
                      {w.message}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </dl>
          <nav className="lr-map-links" aria-label="地块页面">
            {PARCEL_TABS.map((t) => (
              <Link key={t.segment} href={t.segment ? `/parcels/${card.id}/${t.segment}` : `/parcels/${card.id}`} style={LINK}>
                {t.label}
              </Link>
            ))}
          </nav>
        </>
      )}
    </section>
  );
}
