/**
 * The coordinate system of a 部颁 text from its [属性描述] block: 坐标系, 几度分带, 投影类型,
 * 计量单位, 带号. Only 2000 国家大地坐标系 is accepted, as 3° Gauss-Krüger metres or as degrees.
 */
import { CGCS2000_GEOGRAPHIC, coordinateKind, resolveSourceCrs, type DeclaredCrs } from './crs';
import { ImportError, type SourceCrs, type SourceFeature } from './types';

export interface MinistryCrs {
  /** 计量单位=度: X is latitude, Y longitude. */
  degrees: boolean;
  resolve(features: SourceFeature[], chosenZone: number | undefined): { crs: SourceCrs; features: SourceFeature[] };
}

function checkDatum(value: string | undefined): void {
  const text = (value ?? '').trim();
  if (!text || /2000|CGCS/i.test(text)) return;
  const name = /西安|XIAN|1980|80/i.test(text) ? '1980 西安坐标系' : /北京|BEIJING|1954|54/i.test(text) ? '1954 北京坐标系' : text;
  throw new ImportError(`坐标系「${name}」不受支持，只接受 2000 国家大地坐标系；请先转换坐标后再导入`);
}

function unitOf(value: string | undefined): 'metre' | 'degree' | null {
  const text = (value ?? '').trim().toLowerCase();
  if (!text) return null;
  if (['米', 'm', '公尺', 'meter', 'metre'].includes(text)) return 'metre';
  if (['度', '°', 'degree', 'deg', '经纬度'].includes(text)) return 'degree';
  throw new ImportError(`计量单位「${value}」无法识别，应为「米」或「度」`);
}

function zoneOf(value: string | undefined): number | null {
  const text = (value ?? '').trim().replace(/带$/, '');
  if (!text) return null;
  if (!/^\d+$/.test(text)) throw new ImportError(`带号「${value}」不是整数`);
  return Number(text);
}

export function parseMinistryCrs(attributes: Map<string, string>): MinistryCrs {
  checkDatum(attributes.get('坐标系'));
  const unit = unitOf(attributes.get('计量单位'));
  const width = (attributes.get('几度分带') ?? '').trim();
  const projection = (attributes.get('投影类型') ?? '').trim();
  const zone = zoneOf(attributes.get('带号'));
  if (unit !== 'degree') {
    if (width && width !== '3') throw new ImportError(`只支持 3 度分带的坐标，文件为 ${width} 度分带`);
    if (projection && !/高斯|GAUSS|克吕格|克里格/i.test(projection)) {
      throw new ImportError(`投影类型「${projection}」不受支持，只支持高斯-克吕格投影`);
    }
  }
  const declared: DeclaredCrs | null =
    unit === 'degree'
      ? { kind: 'geographic', crs: CGCS2000_GEOGRAPHIC }
      : zone !== null
        ? { kind: 'gk', zone, source: '属性描述' }
        : null;
  return {
    degrees: unit === 'degree',
    resolve: (features, chosenZone) => {
      if (unit === 'metre' && coordinateKind(features) === 'degrees') {
        throw new ImportError('计量单位为「米」，但坐标数值是经纬度（度），请检查属性描述中的计量单位');
      }
      return resolveSourceCrs(features, declared, chosenZone, CGCS2000_GEOGRAPHIC.label);
    },
  };
}
