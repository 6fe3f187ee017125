import type { TFacilityKind } from './land-use';

/**
 * 《划拨用地目录》（国土资源部令第9号，2001年10月22日发布施行）: the 19 kinds of land that may be
 * supplied by 划拨, under the four headings of 《土地管理法》第五十四条. Each item names the facility
 * kinds (see ./land-use.ts) it covers; an allocation is accepted only when the parcel's planned use
 * can hold one of them. The 目录 also limits each item to non-profit or public-interest use; that is
 * for the approving authority to judge and is recorded by the item chosen.
 */
export interface AllocationItem {
  /** Item number in the 目录, （一）…（十九）. */
  no: number;
  name: string;
  heading: string;
  facilities: readonly TFacilityKind[];
}

const H1 = '国家机关用地和军事用地';
const H2 = '城市基础设施用地和公益事业用地';
const H3 = '国家重点扶持的能源、交通、水利等基础设施用地';
const H4 = '法律、行政法规规定的其他用地';

export const ALLOCATION_CATALOGUE: readonly AllocationItem[] = [
  { no: 1, name: '党政机关和人民团体用地', heading: H1, facilities: ['机关团体'] },
  { no: 2, name: '军事用地', heading: H1, facilities: ['军事'] },
  { no: 3, name: '城市基础设施用地（供水、燃气、供热、公共交通、环境卫生、道路广场、绿地）', heading: H2, facilities: ['供水', '燃气', '供热', '公共交通', '环境卫生', '道路广场', '绿地'] },
  { no: 4, name: '非营利性邮政设施用地', heading: H2, facilities: ['邮政'] },
  { no: 5, name: '非营利性教育设施用地', heading: H2, facilities: ['教育'] },
  { no: 6, name: '公益性科研机构用地', heading: H2, facilities: ['科研'] },
  { no: 7, name: '非营利性体育设施用地', heading: H2, facilities: ['体育'] },
  { no: 8, name: '非营利性公共文化设施用地', heading: H2, facilities: ['文化'] },
  { no: 9, name: '非营利性医疗卫生设施用地', heading: H2, facilities: ['医疗卫生'] },
  { no: 10, name: '非营利性社会福利设施用地', heading: H2, facilities: ['社会福利'] },
  { no: 11, name: '石油天然气设施用地', heading: H3, facilities: ['石油天然气'] },
  { no: 12, name: '煤炭设施用地', heading: H3, facilities: ['煤炭'] },
  { no: 13, name: '电力设施用地', heading: H3, facilities: ['电力'] },
  { no: 14, name: '水利设施用地', heading: H3, facilities: ['水利'] },
  { no: 15, name: '铁路交通设施用地', heading: H3, facilities: ['铁路'] },
  { no: 16, name: '公路交通设施用地', heading: H3, facilities: ['公路'] },
  { no: 17, name: '水路交通设施用地', heading: H3, facilities: ['水路'] },
  { no: 18, name: '民用机场设施用地', heading: H3, facilities: ['机场'] },
  { no: 19, name: '特殊用地（监狱、劳教所、戒毒所、看守所、治安拘留所、收容教育所等）', heading: H4, facilities: ['监管场所'] },
];

const CHINESE_NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九'];

/** 「（五）非营利性教育设施用地」, as stored on the supply record and shown in lists. */
export function allocationItemLabel(item: AllocationItem): string {
  return `（${CHINESE_NUMERALS[item.no]}）${item.name}`;
}

/** The item a stored label (or a bare item name) stands for, or null. */
export function findAllocationItem(value: string | null | undefined): AllocationItem | null {
  const text = (value ?? '').trim();
  if (text === '') return null;
  return ALLOCATION_CATALOGUE.find((i) => allocationItemLabel(i) === text || i.name === text) ?? null;
}
