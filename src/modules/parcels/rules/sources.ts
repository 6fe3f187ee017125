/**
 * Where each guard comes from, shown to the user beside the refusal. The texts summarise the
 * provisions (they are not verbatim quotations); points DOMAIN.md marks "to confirm" carry
 * 「（按本中心规定，可配置）」.
 */
const R17 = '《土地储备管理办法》（国土资规〔2017〕17号）';
const MLR39 = '《招标拍卖挂牌出让国有建设用地使用权规定》（国土资源部令第39号）';
const LOCAL = '本中心业务登记规则';
const CONFIGURABLE = '（按本中心规定，可配置）';

export const RULE_SOURCES = {
  lifecycle: `${R17}：储备土地依次经过收储、入库、前期开发、供应等环节；未供应前可终止收储，交易中止的退回可供应`,
  eventDate: `${LOCAL}：环节日期为业务实际发生日期，不得晚于办理当日，也不得早于上一环节的日期`,
  cancelReason: `${LOCAL}：终止收储应写明原因（1–500 字），留存备查`,
  abortReason: `${LOCAL}：交易失败或中止的，地块退回“可供应”，应写明中止原因（1–500 字）`,
  compensation: `${R17}：补偿不到位的土地不得入库储备；依法收回且无补偿对象的可不登记补偿${CONFIGURABLE}`,
  title: `${R17}：土地权属不清晰、应办理不动产登记而尚未办理的土地不得入库储备，入库土地应登记为政府储备土地`,
  hazards: `${R17}：存在污染、文物遗存、矿产压覆、洪涝隐患、地质灾害风险等情况的，应完成核查、评估和治理后方可入库${CONFIGURABLE}`,
  ready: `${R17}：储备土地应完成前期开发整理，达到“净地”标准后方可供应（各项前期开发工程均须验收合格）`,
  supply: `${R17}：储备土地由政府统一组织供应，应明确供应方式、成交日期、成交价款、受让人，并签订出让合同或核发划拨决定书`,
  supplyMode: `${R17}：供应方式为招标、拍卖、挂牌、协议出让或划拨`,
  auction: `${MLR39}：招标拍卖挂牌出让应先发布出让公告并确定起始价，成交价不得低于起始价；公告日期不得晚于成交日期${CONFIGURABLE}`,
  allocation:
    '《中华人民共和国城市房地产管理法》第二十三条：划拨是在土地使用者缴纳补偿、安置等费用后交付土地，或将土地使用权无偿交付使用，故划拨价款可以为 0；其他供应方式成交价必须大于 0',
  tempUse: `${R17}：储备土地可临时利用，临时利用期限一般不超过两年${CONFIGURABLE}`,
} as const;
