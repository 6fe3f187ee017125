import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTERS,
  hasActiveFilters,
  mapFilterQuery,
  mapPageQuery,
  parseBBox,
  parseMapFilters,
  parseMapView,
  parseSearchText,
} from '../../src/modules/map/validation';
import { describeMapFilters, filterLine } from '../../src/modules/map/filter-summary';

const q = (s: string) => new URLSearchParams(s);

describe('map filters from the URL', () => {
  it('reads every filter, stages repeated or comma-separated, in lifecycle order without duplicates', () => {
    expect(parseMapFilters(q('stage=可供应,已入库&stage=已入库&district=430903&project=01ABC&year=2024&use=住宅用地&warn=1'))).toEqual({
      stages: ['已入库', '可供应'],
      district: '430903',
      project: '01ABC',
      year: 2024,
      use: '住宅用地',
      warn: true,
    });
  });

  it('ignores unknown parameters and malformed values instead of failing', () => {
    expect(parseMapFilters(q('stage=不存在&district=43&project=a b&year=24&use=%00x&warn=yes&colour=red'))).toEqual(EMPTY_FILTERS);
    expect(parseMapFilters(q('year=1800'))).toEqual(EMPTY_FILTERS);
    expect(parseMapFilters(q('stage=拟收储,nonsense'))).toEqual({ stages: ['拟收储'], warn: false });
  });

  it('reads a Next searchParams record like a query string', () => {
    expect(parseMapFilters({ stage: ['已供应', '终止'], warn: '1' })).toEqual({ stages: ['已供应', '终止'], warn: true });
  });

  it('writes the filters back so that they read the same', () => {
    const f = parseMapFilters(q('stage=终止,拟收储&district=430902&year=2023&use=商服用地&warn=1'));
    expect(mapFilterQuery(f)).toBe(new URLSearchParams([['stage', '拟收储,终止'], ['district', '430902'], ['year', '2023'], ['use', '商服用地'], ['warn', '1']]).toString());
    expect(parseMapFilters(q(mapFilterQuery(f)))).toEqual(f);
    expect(hasActiveFilters(f)).toBe(true);
    expect(hasActiveFilters(EMPTY_FILTERS)).toBe(false);
    expect(mapFilterQuery(EMPTY_FILTERS)).toBe('');
  });
});

describe('map view in the URL', () => {
  it('reads the centre and zoom and writes them with 5 and 2 decimals', () => {
    const view = parseMapView(q('c=112.355,28.5534&z=13.5'));
    expect(view).toEqual({ lon: 112.355, lat: 28.5534, zoom: 13.5 });
    const query = mapPageQuery(view, { stages: ['已入库'], warn: false });
    expect(query).toBe('c=112.35500%2C28.55340&z=13.50&stage=%E5%B7%B2%E5%85%A5%E5%BA%93');
    expect(parseMapView(q(query))).toEqual(view);
  });

  it('clamps the zoom to the map limits and rejects malformed views', () => {
    expect(parseMapView(q('c=112,28&z=21.5'))?.zoom).toBe(20);
    expect(parseMapView(q('c=112,28&z=1'))?.zoom).toBe(5);
    for (const bad of ['c=112&z=10', 'c=abc,28&z=10', 'c=200,28&z=10', 'c=112,28', 'z=10', 'c=112,28&z=-1', 'c=112,28&z=99', 'c=112,28,1&z=3']) {
      expect(parseMapView(q(bad)), bad).toBeNull();
    }
  });
});

describe('statistics bbox and search text', () => {
  it('reads a bbox and clamps it to valid degrees', () => {
    expect(parseBBox(q('bbox=112.1,28.2,112.6,28.7'))).toEqual({ minLon: 112.1, minLat: 28.2, maxLon: 112.6, maxLat: 28.7 });
    expect(parseBBox(q('bbox=-200,-95,200,95'))).toEqual({ minLon: -180, minLat: -90, maxLon: 180, maxLat: 90 });
  });

  it('rejects a missing, malformed or empty bbox', () => {
    for (const bad of ['', 'bbox=', 'bbox=1,2,3', 'bbox=a,b,c,d', 'bbox=112.6,28.2,112.1,28.7', 'bbox=112,28,112,28.5', 'bbox=1e3,2,3,4']) {
      expect(parseBBox(q(bad)), bad).toBeNull();
    }
  });

  it('takes a trimmed search text of at most 64 characters without control characters', () => {
    expect(parseSearchText(q('q=%20430903-2023%20'))).toBe('430903-2023');
    expect(parseSearchText(q('q='))).toBeNull();
    expect(parseSearchText(q(`q=${'地'.repeat(65)}`))).toBeNull();
    expect(parseSearchText(q('q=a%0Ab'))).toBeNull();
  });
});

describe('the active filters in words', () => {
  const names = {
    districts: [
      { adcode: '430903', name: '赫山区' },
      { adcode: '430923', name: '安化县' },
    ],
    projects: [{ id: 'P1', code: 'YY-2025-004', name: '龙岭片区收储项目' }],
  };

  it('names every active filter in the filter bar’s order, stages in lifecycle order', () => {
    const f = parseMapFilters(new URLSearchParams('warn=1&use=住宅用地&year=2024&project=P1&district=430923&stage=可供应,已入库'));
    expect(filterLine(f, names)).toBe('筛选：环节 已入库、可供应；区县 安化县；项目 YY-2025-004 龙岭片区收储项目；登记年度 2024 年；规划用途 住宅用地；仅看预警');
    expect(describeMapFilters(parseMapFilters(new URLSearchParams('stage=已入库&district=430903')), names)).toEqual(['环节 已入库', '区县 赫山区']);
  });

  it('falls back to the code of an unknown district or project, and says nothing without filters', () => {
    expect(describeMapFilters(parseMapFilters(new URLSearchParams('district=430999&project=P9')), names)).toEqual(['区县 430999', '项目 P9']);
    expect(filterLine(EMPTY_FILTERS, names)).toBeNull();
  });
});
