/**
 * Land-use names as a parcel's 规划用途 records them, and what each means for supply: whether the
 * use is one that 令39号 第四条 reserves for 招标/拍卖/挂牌, and which kinds of facility it covers
 * (matched against the 《划拨用地目录》 in ./allocation-catalogue.ts). Pure data, client-safe.
 *
 * Names come from the two classifications a 规划用途 is written in:
 * - 《国土空间调查、规划、用途管制用地用海分类指南》（自然资发〔2023〕234号）, first- and second-level classes;
 * - GB/T 21010-2017《土地利用现状分类》, first- and second-level classes;
 * plus the short forms used on this system's forms and demo data (商服用地, 住宅用地, 商住用地).
 * A first-level class covers every facility kind of its second-level classes.
 */

/** The uses 令39号 第四条 names: they may only be sold by 招标/拍卖/挂牌. */
export type TCompetitiveUse = '商业' | '旅游' | '娱乐' | '商品住宅' | '工业';

/** Kinds of facility a use covers, in the words of the 《划拨用地目录》. */
export type TFacilityKind =
  | '机关团体'
  | '军事'
  | '供水'
  | '燃气'
  | '供热'
  | '公共交通'
  | '环境卫生'
  | '道路广场'
  | '绿地'
  | '邮政'
  | '教育'
  | '科研'
  | '体育'
  | '文化'
  | '医疗卫生'
  | '社会福利'
  | '石油天然气'
  | '煤炭'
  | '电力'
  | '水利'
  | '铁路'
  | '公路'
  | '水路'
  | '机场'
  | '监管场所';

export interface LandUseEntry {
  /** The class name (and its common synonyms), as written in 规划用途. */
  names: readonly string[];
  /** Codes in the classification(s) it comes from, for the reader. */
  codes: readonly string[];
  /** Set when 令39号 第四条 requires 招标/拍卖/挂牌 for this use. */
  competitive?: readonly TCompetitiveUse[];
  /** Facility kinds of the 《划拨用地目录》 this use can hold (empty: none of them). */
  facilities: readonly TFacilityKind[];
}

const PUBLIC_SERVICE: TFacilityKind[] = ['机关团体', '教育', '科研', '体育', '文化', '医疗卫生', '社会福利'];
const UTILITIES: TFacilityKind[] = ['供水', '燃气', '供热', '环境卫生', '电力', '邮政', '水利'];
const TRANSPORT: TFacilityKind[] = ['公共交通', '道路广场', '铁路', '公路', '水路', '机场', '石油天然气'];

export const LAND_USES: readonly LandUseEntry[] = [
  // 商业服务业 / 商服 (令39号 第四条: 商业、旅游、娱乐)
  { names: ['商业服务业用地', '商服用地', '商业服务业设施用地'], codes: ['09', 'GB05'], competitive: ['商业', '旅游', '娱乐'], facilities: [] },
  { names: ['商业用地', '零售商业用地', '批发市场用地', '餐饮用地', '商务金融用地', '其他商业服务业用地', '其他商服用地'], codes: ['0901', '0902', '0904', 'GB0501', 'GB0502', 'GB0503', 'GB0505', 'GB0507'], competitive: ['商业'], facilities: [] },
  { names: ['旅馆用地', '旅游用地'], codes: ['GB0504'], competitive: ['旅游'], facilities: [] },
  { names: ['娱乐康体用地', '娱乐用地'], codes: ['0903', 'GB0506'], competitive: ['娱乐'], facilities: [] },
  { names: ['商住用地', '商业住宅混合用地'], codes: [], competitive: ['商业', '商品住宅'], facilities: [] },
  // 居住 / 住宅 (令39号 第四条: 商品住宅). 农村宅基地 and 社区服务设施 are not 商品住宅.
  { names: ['居住用地', '住宅用地', '城镇住宅用地', '商品住宅用地'], codes: ['07', '0701', 'GB07', 'GB0701'], competitive: ['商品住宅'], facilities: [] },
  { names: ['农村宅基地'], codes: ['0703', 'GB0702'], facilities: [] },
  { names: ['城镇社区服务设施用地', '农村社区服务设施用地'], codes: ['0702', '0704'], facilities: ['教育', '体育', '文化', '医疗卫生', '社会福利'] },
  // 工矿 / 仓储 (令39号 第四条: 工业, 含仓储用地, 不含采矿用地). A first-level 工矿 class may
  // include 采矿, but reserve land is planned for industry; record 采矿用地 by its own name.
  { names: ['工业用地', '工矿用地', '工矿仓储用地', '仓储用地', '物流仓储用地', '储备库用地'], codes: ['10', '1001', '11', '1101', '1102', 'GB06', 'GB0601', 'GB0604'], competitive: ['工业'], facilities: [] },
  { names: ['采矿用地'], codes: ['1002', 'GB0602'], facilities: ['煤炭', '石油天然气'] },
  { names: ['盐田'], codes: ['1003', 'GB0603'], facilities: [] },
  // 公共管理与公共服务
  { names: ['公共管理与公共服务用地'], codes: ['08', 'GB08'], facilities: [...PUBLIC_SERVICE, '邮政', '绿地', ...UTILITIES] },
  { names: ['机关团体用地'], codes: ['0801', 'GB0801'], facilities: ['机关团体'] },
  { names: ['新闻出版用地'], codes: ['GB0802'], facilities: [] },
  { names: ['科研用地'], codes: ['0802', 'GB0804'], facilities: ['科研'] },
  { names: ['文化用地', '文化设施用地'], codes: ['0803', 'GB0807'], facilities: ['文化'] },
  { names: ['教育用地'], codes: ['0804', 'GB0803'], facilities: ['教育'] },
  { names: ['体育用地'], codes: ['0805', 'GB0808'], facilities: ['体育'] },
  { names: ['医疗卫生用地'], codes: ['0806', 'GB0805'], facilities: ['医疗卫生'] },
  { names: ['社会福利用地'], codes: ['0807', 'GB0806'], facilities: ['社会福利'] },
  // 公用设施
  { names: ['公用设施用地'], codes: ['13', 'GB0809'], facilities: UTILITIES },
  { names: ['供水用地'], codes: ['1301'], facilities: ['供水'] },
  { names: ['排水用地', '环卫用地'], codes: ['1302', '1309'], facilities: ['环境卫生'] },
  { names: ['供电用地'], codes: ['1303'], facilities: ['电力'] },
  { names: ['供燃气用地'], codes: ['1304'], facilities: ['燃气'] },
  { names: ['供热用地'], codes: ['1305'], facilities: ['供热'] },
  { names: ['邮政用地'], codes: ['1307'], facilities: ['邮政'] },
  { names: ['水工设施用地', '水工建筑用地'], codes: ['1311', 'GB1109'], facilities: ['水利'] },
  { names: ['通信用地', '广播电视设施用地', '消防用地', '其他公用设施用地'], codes: ['1306', '1308', '1310', '1312'], facilities: [] },
  // 交通运输
  { names: ['交通运输用地'], codes: ['12', 'GB10'], facilities: TRANSPORT },
  { names: ['铁路用地'], codes: ['1201', 'GB1001'], facilities: ['铁路'] },
  { names: ['公路用地'], codes: ['1202', 'GB1003'], facilities: ['公路'] },
  { names: ['机场用地'], codes: ['1203', 'GB1007'], facilities: ['机场'] },
  { names: ['港口码头用地'], codes: ['1204', 'GB1008'], facilities: ['水路'] },
  { names: ['管道运输用地'], codes: ['1205', 'GB1009'], facilities: ['石油天然气'] },
  { names: ['城市轨道交通用地', '轨道交通用地'], codes: ['1206', 'GB1002'], facilities: ['公共交通'] },
  { names: ['城镇道路用地', '城镇村道路用地'], codes: ['1207', 'GB1004'], facilities: ['道路广场'] },
  { names: ['交通场站用地', '交通服务场站用地'], codes: ['1208', 'GB1005'], facilities: ['公共交通'] },
  // 绿地与开敞空间
  { names: ['绿地与开敞空间用地', '公园与绿地'], codes: ['14', 'GB0810'], facilities: ['绿地', '道路广场'] },
  { names: ['公园绿地', '防护绿地'], codes: ['1401', '1402'], facilities: ['绿地'] },
  { names: ['广场用地'], codes: ['1403'], facilities: ['道路广场'] },
  // 特殊用地
  { names: ['特殊用地'], codes: ['15', 'GB09'], facilities: ['军事', '监管场所'] },
  { names: ['军事设施用地'], codes: ['1501', 'GB0901'], facilities: ['军事'] },
  { names: ['监教场所用地'], codes: ['1505', 'GB0903'], facilities: ['监管场所'] },
  { names: ['使领馆用地', '宗教用地', '文物古迹用地', '殡葬用地', '风景名胜设施用地', '其他特殊用地'], codes: ['1502', '1503', '1504', '1506', '1507', 'GB0902', 'GB0904', 'GB0905', 'GB0906'], facilities: [] },
];

const BY_NAME = new Map<string, LandUseEntry>(LAND_USES.flatMap((e) => e.names.map((n) => [n, e] as const)));

/**
 * The entry for a 规划用途 as written: leading class codes ("0701 城镇住宅用地"), spaces and a
 * missing 「用地」 suffix are tolerated; anything else is unknown (null).
 */
export function findLandUse(plannedUse: string | null | undefined): LandUseEntry | null {
  const text = (plannedUse ?? '').replace(/\s+/g, '').replace(/^[0-9A-Za-z]+[-_.、]?/, '');
  if (text === '') return null;
  return BY_NAME.get(text) ?? BY_NAME.get(`${text}用地`) ?? null;
}

/** 「商业、旅游、娱乐」 for the message. */
export function competitiveText(entry: LandUseEntry): string {
  return (entry.competitive ?? []).join('、');
}
