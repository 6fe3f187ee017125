'use client';
import { Loading } from 'tdesign-react';
import { groupThousands } from '@/modules/plans/amounts';
import { STAGE_COLORS } from '../tiles/colors';
import type { ViewStatistics } from '../queries';

/** Count and area (亩) by stage of the parcels in the current view. */
export function ViewStats(props: { stats: ViewStatistics | null; loading: boolean; error: string | null; warnOnly: boolean }) {
  const { stats } = props;
  return (
    <section className="lr-map-panel" aria-label="当前视图统计" data-testid="view-stats" aria-busy={props.loading}>
      <header className="lr-map-panel__title">
        当前视图统计{props.warnOnly ? '（仅预警地块）' : ''}
        {props.loading && <Loading size="small" style={{ marginLeft: 8 }} />}
      </header>
      {props.error && <div className="lr-map-error">{props.error}</div>}
      {stats && (
        <table className="lr-map-stats">
          <thead>
            <tr>
              <th scope="col">环节</th>
              <th scope="col">宗数</th>
              <th scope="col">面积（亩）</th>
            </tr>
          </thead>
          <tbody>
            {stats.stages.map((s) => (
              <tr key={s.stage} data-stage={s.stage} className={s.count === 0 ? 'lr-muted' : undefined}>
                <th scope="row">
                  <span className="lr-map-swatch" style={{ background: STAGE_COLORS[s.stage] }} aria-hidden />
                  {s.stage}
                </th>
                <td data-testid={`stat-count-${s.stage}`}>{s.count}</td>
                <td>{groupThousands(s.areaMu)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">合计</th>
              <td data-testid="stat-count-total">{stats.total.count}</td>
              <td>{groupThousands(stats.total.areaMu)}</td>
            </tr>
          </tfoot>
        </table>
      )}
      <div className="lr-map-panel__note">按地块外接矩形与当前视图相交统计，随地图移动和筛选更新。</div>
    </section>
  );
}
