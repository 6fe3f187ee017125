import { describe, expect, it } from 'vitest';
import { STAGES } from '../../src/modules/parcels/stages';
import { ARCHIVE_STAGES, ITEM_CATEGORIES, ITEM_SOURCES, RETENTIONS, SECRECY_LEVELS } from '../../src/modules/archives/constants';
import { archiveStageOfParcelStage, COLLECT_DEFAULTS, COLLECT_SOURCES, COLLECT_STAGE, PARCEL_STAGE_ARCHIVE } from '../../src/modules/archives/collect-rules';

describe('预归档 mapping tables', () => {
  it('maps each parcel stage to its archive stage (终止 is final: nothing)', () => {
    expect(Object.keys(PARCEL_STAGE_ARCHIVE).sort()).toEqual([...STAGES].sort());
    expect(PARCEL_STAGE_ARCHIVE).toEqual({ 拟收储: '计划', 收储中: '收储', 已入库: '入库', 前期开发: '开发', 可供应: '管护', 已供应: '供应', 终止: null });
    for (const s of Object.values(PARCEL_STAGE_ARCHIVE)) if (s) expect(ARCHIVE_STAGES).toContain(s);
    expect(archiveStageOfParcelStage('不存在')).toBeNull();
  });

  it('gives every source valid defaults, and the documented periods (合同 永久, 记账凭证 30年), 内部 by default', () => {
    for (const source of COLLECT_SOURCES) {
      expect(ITEM_SOURCES).toContain(source);
      const d = COLLECT_DEFAULTS[source];
      expect(ITEM_CATEGORIES).toContain(d.category);
      expect(RETENTIONS).toContain(d.retention);
      expect(SECRECY_LEVELS).toContain(d.secrecy);
      expect(d.secrecy).toBe('内部');
    }
    expect(COLLECT_DEFAULTS['合同']).toMatchObject({ category: '合同协议', retention: '永久' });
    expect(COLLECT_DEFAULTS['记账凭证']).toMatchObject({ category: '财务凭证', retention: '30年' });
    expect(COLLECT_STAGE).toEqual({ 发文: '公文合同', 收文: '公文合同', 合同: '公文合同', 记账凭证: '资金' });
  });
});
