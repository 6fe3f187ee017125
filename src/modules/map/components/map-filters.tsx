'use client';
import { Button, Checkbox, Select } from 'tdesign-react';
import { STAGES, type TStage } from '@/modules/parcels/stages';
import { STAGE_COLORS } from '../tiles/colors';
import { EMPTY_FILTERS, hasActiveFilters, type MapFilters } from '../validation';

export interface MapFilterOptions {
  districts: { adcode: string; name: string }[];
  projects: { id: string; code: string; name: string }[];
  plannedUses: string[];
  years: number[];
}

/** The chosen stages in one short line: 「拟收储、已入库」 or 「拟收储、已入库 等 5 个环节」. */
function stageSummary(stages: readonly TStage[]): string {
  if (stages.length <= 2) return stages.join('、');
  return `${stages.slice(0, 2).join('、')} 等 ${stages.length} 个环节`;
}

/** The filter bar over the map; every change applies at once (tiles, statistics, URL). */
export function MapFilterBar(props: { filters: MapFilters; options: MapFilterOptions; onChange: (f: MapFilters) => void }) {
  const f = props.filters;
  const set = (patch: Partial<MapFilters>) => props.onChange({ ...f, ...patch });
  return (
    <div className="lr-map-filters" role="group" aria-label="地图筛选">
      <div data-testid="filter-stage">
        <Select
          style={{ width: 230 }}
          multiple
          clearable
          // One line whatever is chosen, so the map below never shifts.
          valueDisplay={stageSummary(f.stages)}
          placeholder="全部环节"
          aria-label="环节"
          value={f.stages}
          options={STAGES.map((s) => ({
            value: s,
            label: s,
            content: (
              <span>
                <span className="lr-map-swatch" style={{ background: STAGE_COLORS[s] }} aria-hidden />
                {s}
              </span>
            ),
          }))}
          onChange={(v) => set({ stages: (Array.isArray(v) ? v : []).filter((s): s is TStage => (STAGES as readonly unknown[]).includes(s)) })}
        />
      </div>
      <Select
        style={{ width: 120 }}
        clearable
        placeholder="区县"
        aria-label="区县"
        value={f.district}
        options={props.options.districts.map((d) => ({ value: d.adcode, label: d.name }))}
        onChange={(v) => set({ district: (v as string) || undefined })}
      />
      <Select
        style={{ width: 220 }}
        clearable
        filterable
        placeholder="所属项目"
        aria-label="所属项目"
        value={f.project}
        options={props.options.projects.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
        onChange={(v) => set({ project: (v as string) || undefined })}
      />
      <Select
        style={{ width: 130 }}
        clearable
        // The year of the parcel's first lifecycle event: when it was registered as 拟收储.
        placeholder="登记年度"
        aria-label="登记年度"
        value={f.year}
        options={props.options.years.map((y) => ({ value: y, label: `${y} 年` }))}
        onChange={(v) => set({ year: typeof v === 'number' ? v : undefined })}
      />
      <Select
        style={{ width: 130 }}
        clearable
        filterable
        placeholder="规划用途"
        aria-label="规划用途"
        value={f.use}
        options={props.options.plannedUses.map((u) => ({ value: u, label: u }))}
        onChange={(v) => set({ use: (v as string) || undefined })}
      />
      <Checkbox checked={f.warn} onChange={(checked) => set({ warn: checked })}>
        仅看预警
      </Checkbox>
      <Button variant="outline" disabled={!hasActiveFilters(f)} onClick={() => props.onChange(EMPTY_FILTERS)}>
        重置
      </Button>
    </div>
  );
}
