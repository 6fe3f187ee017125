import { describe, expect, it } from 'vitest';
import { layerProblems, layerSources, type LayerInput } from '../../src/modules/map/layers/rules';

const base: LayerInput = { name: '内网影像', kind: 'xyz-raster', role: 'basemap', url: 'http://10.1.2.3/tiles/{z}/{x}/{y}.png', wmsLayers: null, apiKey: null, attribution: null };

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
