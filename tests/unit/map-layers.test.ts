import { describe, expect, it } from 'vitest';
import { layerProblems, layerSources, layerView, normalizeLayer, VECTOR_TILE_MAX_ZOOM, type LayerInput } from '../../src/modules/map/layers/rules';

const base: LayerInput = { name: '内网影像', kind: 'xyz-raster', role: 'basemap', url: 'http://10.1.2.3/tiles/{z}/{x}/{y}.png', wmsLayers: null, sourceLayers: null, apiKey: null, attribution: null };

describe('map layer definitions', () => {
  it('accepts an intranet XYZ layer and makes one raster source of it', () => {
    expect(layerProblems(base)).toEqual([]);
    expect(layerSources(base)).toEqual([{ type: 'raster', tiles: ['http://10.1.2.3/tiles/{z}/{x}/{y}.png'], tileSize: 256, attribution: undefined }]);
  });

  it('refuses bad addresses with Chinese messages', () => {
    expect(layerProblems({ ...base, url: 'ftp://x/{z}/{x}/{y}' })).toEqual(['服务地址应以 http:// 或 https:// 开头']);
    expect(layerProblems({ ...base, url: 'http://x/tiles/{z}/{x}.png' })).toEqual([expect.stringContaining('{y}')]);
    expect(layerProblems({ ...base, name: ' ' })).toContain('请填写图层名称');
    expect(() => layerSources({ ...base, url: 'nonsense' })).toThrow('服务地址');
  });

  it('builds a WMS GetMap template in Web Mercator with the bbox placeholder maplibre fills', () => {
    const wms: LayerInput = { ...base, kind: 'wms', role: 'overlay', url: 'http://10.1.2.3/geoserver/wms', wmsLayers: 'yiyang:landuse' };
    expect(layerProblems(wms)).toEqual([]);
    const [src] = layerSources(wms);
    expect(src.tiles[0]).toMatch(/^http:\/\/10\.1\.2\.3\/geoserver\/wms\?SERVICE=WMS&REQUEST=GetMap&VERSION=1\.1\.1&LAYERS=yiyang%3Alanduse&.*SRS=EPSG%3A3857.*&BBOX=\{bbox-epsg-3857\}$/);
    expect(layerProblems({ ...wms, wmsLayers: '' })).toEqual([expect.stringContaining('WMS 图层名')]);
    expect(layerProblems({ ...wms, url: 'http://x/wms?REQUEST=GetCapabilities' })).toEqual([expect.stringContaining('只填服务地址')]);
  });

  it('makes 天地图 two sources (picture and annotation) over the eight subdomains, with the key', () => {
    const key = '0123456789abcdef0123456789abcdef';
    const tdt: LayerInput = { ...base, kind: 'tianditu-img', url: null, apiKey: key };
    expect(layerProblems(tdt)).toEqual([]);
    const [img, notes] = layerSources(tdt);
    expect(img.tiles).toHaveLength(8);
    expect(img.tiles[3]).toContain('https://t3.tianditu.gov.cn/img_w/wmts?');
    expect(img.tiles[0]).toContain(`tk=${key}`);
    expect(notes.tiles[0]).toContain('LAYER=cia');
    expect(layerProblems({ ...tdt, apiKey: 'short' })).toEqual([expect.stringContaining('32 位十六进制')]);
    expect(layerProblems({ ...tdt, role: 'overlay' })).toContain('天地图只能作为底图');
  });
});

describe('vector tile layers (xyz-vector)', () => {
  const mvt: LayerInput = { ...base, kind: 'xyz-vector', role: 'overlay', url: 'http://10.1.2.3:8080/data/yiyang/{z}/{x}/{y}.pbf', sourceLayers: 'landuse, road,poi' };

  it('accepts a tile template with its source-layer names and makes one vector source of it', () => {
    expect(layerProblems(mvt)).toEqual([]);
    expect(layerSources(mvt)).toEqual([{ type: 'vector', tiles: ['http://10.1.2.3:8080/data/yiyang/{z}/{x}/{y}.pbf'], maxzoom: VECTOR_TILE_MAX_ZOOM, attribution: undefined }]);
    expect(layerView('L1', mvt)).toEqual({ id: 'L1', name: '内网影像', sources: layerSources(mvt), sourceLayers: ['landuse', 'road', 'poi'] });
    expect(layerProblems({ ...mvt, role: 'basemap', url: 'https://tiles.example/{z}/{x}/{y}', sourceLayers: 'yiyang:zoning.v2' })).toEqual([]);
  });

  it('refuses a bad address or missing, malformed or repeated source-layer names in Chinese', () => {
    expect(layerProblems({ ...mvt, url: 'ftp://x/{z}/{x}/{y}.pbf' })).toEqual(['服务地址应以 http:// 或 https:// 开头']);
    expect(layerProblems({ ...mvt, url: 'http://x/data/{z}/{y}.pbf' })).toEqual(['XYZ 矢量瓦片地址须包含 {x} 占位符，例如 http://内网地址/data/landuse/{z}/{x}/{y}.pbf']);
    expect(layerProblems({ ...mvt, url: 'mapbox://mapbox.mapbox-streets-v8' })).toEqual([expect.stringContaining('mapbox:// 地址是 Mapbox 的互联网服务')]);
    for (const empty of [null, '', ' , ']) {
      expect(layerProblems({ ...mvt, sourceLayers: empty })).toEqual(['请填写矢量图层名（瓦片中的图层名称，即 source-layer，多个用英文逗号分隔），例如 landuse,road']);
    }
    expect(layerProblems({ ...mvt, sourceLayers: 'landuse,土地 利用,a/b' })).toEqual(['矢量图层名「土地 利用、a/b」不正确：只能包含字母、数字、下划线、冒号、点和减号']);
    expect(layerProblems({ ...mvt, sourceLayers: 'road,landuse,road' })).toEqual(['矢量图层名「road」重复']);
    expect(() => layerSources({ ...mvt, sourceLayers: null })).toThrow('矢量图层名');
  });

  it('stores the names as a,b and clears the fields the kind does not use', () => {
    expect(normalizeLayer({ ...mvt, wmsLayers: 'x', apiKey: '0'.repeat(32), attribution: '内网' })).toEqual({ ...mvt, sourceLayers: 'landuse,road,poi', wmsLayers: null, apiKey: null, attribution: '内网' });
    expect(normalizeLayer({ ...base, sourceLayers: 'landuse' }).sourceLayers).toBeNull();
  });
});

describe('style.json base maps (vector-style)', () => {
  const style: LayerInput = { ...base, kind: 'vector-style', url: 'http://10.1.2.3:8080/styles/basic/style.json' };

  it('accepts a style address as base map; the browser fetches it, so it adds no source itself', () => {
    expect(layerProblems(style)).toEqual([]);
    expect(layerSources(style)).toEqual([]);
    expect(layerView('S1', style)).toEqual({ id: 'S1', name: '内网影像', sources: [], styleUrl: 'http://10.1.2.3:8080/styles/basic/style.json' });
  });

  it('refuses it as an overlay, a tile template in its place, and non-http addresses, in Chinese', () => {
    expect(layerProblems({ ...style, role: 'overlay' })).toEqual(['矢量瓦片样式只能作为底图']);
    expect(layerProblems({ ...style, url: 'http://10.1.2.3/data/{z}/{x}/{y}.pbf' })).toEqual([expect.stringContaining('样式地址应指向一个 style.json 文件')]);
    expect(layerProblems({ ...style, url: 'mapbox://styles/mapbox/streets-v12' })).toEqual([expect.stringContaining('内网无法使用')]);
    expect(layerProblems({ ...style, url: '/styles/basic/style.json' })).toEqual(['服务地址应以 http:// 或 https:// 开头']);
    expect(normalizeLayer({ ...style, attribution: '© 内网', sourceLayers: 'x' })).toMatchObject({ attribution: null, sourceLayers: null });
  });
});
