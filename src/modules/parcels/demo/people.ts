import { encryptPersonal } from '@/platform/crypto/keys';
import { idNumberCheckChar, maskIdNumber, maskPhone } from '../rules/personal-data';
import { addDays, type Rng } from './random';

/**
 * Synthetic people and organisations for the demo data (演示数据): names from common surnames,
 * ID numbers in the GB 11643 format with a correct check character, mobile numbers, unified
 * social credit codes (GB 32100) and company names marked （演示）. None is a real record.
 */

const SURNAMES = [
  '刘', '李', '王', '陈', '张', '彭', '曾', '谭', '罗', '胡', '周', '易', '龚', '贺', '邓', '黄', '杨', '赵', '吴', '徐',
  '孙', '朱', '高', '何', '郭', '蒋', '唐', '肖', '夏', '熊', '文', '余', '蔡', '戴', '袁', '姚', '廖', '卢', '邹', '莫',
] as const;

const GIVEN = [
  '建国', '建华', '国平', '志强', '伟', '芳', '秀英', '桂兰', '春生', '冬梅', '海波', '红梅', '德胜', '立新', '小兰', '卫东',
  '玉珍', '明', '静', '丽华', '新民', '金龙', '淑珍', '永红', '庆丰', '文斌', '佳', '思远', '雪梅', '志刚', '爱华', '光明',
  '秋菊', '长青', '海燕', '文军', '桂香', '伏生', '满秀', '跃进', '湘平', '益民', '梓涵', '浩然', '子轩', '欣怡', '宇航', '晓东',
] as const;

/** County-level codes of 益阳 (GB/T 2260) used in the synthetic ID numbers. */
const ID_AREA_CODES = ['430902', '430903', '430921', '430922', '430923', '430981'] as const;

const MOBILE_PREFIXES = ['130', '133', '135', '136', '138', '139', '150', '151', '155', '158', '173', '176', '180', '182', '186', '187', '189', '199'] as const;

export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN);
}

/** An 18-character ID number: area code, birth date 1950–2000, sequence, GB 11643 check character. */
export function idNumber(rng: Rng): string {
  const birth = addDays('1950-01-01', rng.int(0, 18_262)).replaceAll('-', '');
  const first17 = `${rng.pick(ID_AREA_CODES)}${birth}${rng.digits(3)}`;
  return first17 + idNumberCheckChar(first17);
}

export function mobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(8);
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * A unified social credit code (统一社会信用代码, GB 32100-2015): registration authority and type
 * ('91' enterprise, 'N2' village collective economic organisation), the area code, a 9-character
 * organisation code with its GB 11714 check, and the final check character.
 */
export function creditCode(rng: Rng, prefix: '91' | 'N2', areaCode: string): string {
  const body = rng.digits(8);
  const orgSum = [...body].reduce((s, c, i) => s + Number(c) * ORG_WEIGHTS[i], 0);
  const orgCheck = 11 - (orgSum % 11);
  const org = body + (orgCheck === 10 ? 'X' : orgCheck === 11 ? '0' : String(orgCheck));
  const first17 = prefix + areaCode + org;
  const sum = [...first17].reduce((s, c, i) => s + USCC_CHARS.indexOf(c) * USCC_WEIGHTS[i], 0);
  const check = (31 - (sum % 31)) % 31;
  return first17 + USCC_CHARS[check];
}

const BRAND_WORDS = [
  '恒达', '鑫源', '华盛', '宏远', '金岭', '银城', '资江', '瑞丰', '嘉禾', '锦程', '鸿宇', '益达', '梓园', '龙洲', '会龙', '湘益',
  '兴旺', '盛世', '天成', '永安', '明德', '博远', '康泰', '新桥', '洞庭', '雪峰', '茶乡', '竹海',
] as const;

const ENTITY_TRADES = ['机械制造', '食品加工', '建材', '竹木制品', '纺织', '物流', '商贸', '农业开发', '砖瓦', '粮油'] as const;

/** A company that held the land before acquisition (收购/收回/优先购买 parties). */
export function formerUserCompany(rng: Rng): string {
  return `益阳市${rng.pick(BRAND_WORDS)}${rng.pick(ENTITY_TRADES)}有限公司（演示）`;
}

/** The buyer in a land sale, by planned use. */
export function transfereeCompany(rng: Rng, plannedUse: string): string {
  const brand = rng.pick(BRAND_WORDS);
  if (plannedUse === '工业用地') return `益阳${brand}${rng.pick(['新材料科技', '智能装备', '电子科技', '生物科技', '食品'])}有限公司（演示）`;
  if (plannedUse === '商服用地') return `益阳${brand}${rng.pick(['商业管理', '置业', '酒店管理'])}有限公司（演示）`;
  return `益阳${brand}置业有限公司（演示）`;
}

/** The receiving body of an allocation (划拨) and the 《划拨用地目录》 item its use falls under. */
export function allocationUser(rng: Rng, plannedUse: string): { user: string; category: string } {
  const ROADS = '（三）城市基础设施用地（供水、燃气、供热、公共交通、环境卫生、道路广场、绿地）';
  if (plannedUse === '交通运输用地') {
    return rng.pick([
      { user: '益阳市城市道路建设有限公司（演示）', category: ROADS },
      { user: '益阳市公共交通有限公司（演示）', category: ROADS },
      { user: '益阳市交通建设投资有限公司（演示）', category: '（十六）公路交通设施用地' },
    ]);
  }
  return rng.pick([
    { user: '益阳市某某中学（演示）', category: '（五）非营利性教育设施用地' },
    { user: '益阳市某某小学（演示）', category: '（五）非营利性教育设施用地' },
    { user: '益阳市某某社区卫生服务中心（演示）', category: '（九）非营利性医疗卫生设施用地' },
    { user: '益阳市某某养老服务中心（演示）', category: '（十）非营利性社会福利设施用地' },
  ]);
}

export function contractorCompany(rng: Rng): string {
  return `湖南${rng.pick(BRAND_WORDS)}${rng.pick(['建设工程', '市政工程', '路桥建设', '水电安装'])}有限公司（演示）`;
}

export function supervisorCompany(rng: Rng): string {
  return `益阳${rng.pick(BRAND_WORDS)}工程监理有限公司（演示）`;
}

export function propertyCompany(rng: Rng): string {
  return `益阳${rng.pick(BRAND_WORDS)}物业管理有限公司（演示）`;
}

export function tempUser(rng: Rng): string {
  return `益阳${rng.pick(BRAND_WORDS)}${rng.pick(['停车场管理', '苗木种植', '建材堆场', '农产品'])}有限公司（演示）`;
}

const VILLAGE_WORDS = ['新河', '龙岭', '桃源', '白马', '兰溪', '茶园', '石井', '青山', '长塘', '荷塘', '金盆', '枫林', '大湾', '牛角'] as const;

export function villageCollective(rng: Rng): string {
  return `${rng.pick(VILLAGE_WORDS)}村股份经济合作社（演示）`;
}

/** Personal data as stored: ciphertext (SM4) plus the masked copy shown by default. */
export interface StoredPersonal {
  idNumberEnc: string;
  idNumberMasked: string;
  phoneEnc: string;
  phoneMasked: string;
}

export function storePersonal(id: string, phone: string): StoredPersonal {
  return {
    idNumberEnc: encryptPersonal(id, 'idNumber'),
    idNumberMasked: maskIdNumber(id),
    phoneEnc: encryptPersonal(phone, 'phone'),
    phoneMasked: maskPhone(phone),
  };
}

/** A landline of the 益阳 area (0737) for organisations. */
export function landline(rng: Rng): string {
  return `0737-${rng.int(2, 8)}${rng.digits(6)}`;
}
