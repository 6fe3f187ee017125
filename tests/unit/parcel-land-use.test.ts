import { describe, expect, it } from 'vitest';
import { ALLOCATION_CATALOGUE, allocationItemLabel, allocationItemsFor, findAllocationItem, findLandUse, LAND_USES } from '../../src/modules/parcels/rules';

describe('land-use classes (用地用海分类指南 2023, GB/T 21010-2017)', () => {
  it('names each class once', () => {
    const names = LAND_USES.flatMap((e) => e.names);
    expect(new Set(names).size).toBe(names.length);
  });

  it('令39号 第4条: the 经营性 classes are the competitive ones and hold no 划拨 facility', () => {
    for (const e of LAND_USES) if (e.competitive?.length) expect(e.facilities, e.names[0]).toEqual([]);
    expect(findLandUse('商服用地')?.competitive).toEqual(['商业', '旅游', '娱乐']);
    expect(findLandUse('物流仓储用地')?.competitive).toEqual(['工业']);
    expect(findLandUse('采矿用地')?.competitive).toBeUndefined();
  });

  it('reads a class written with its code, spaces or without 用地', () => {
    expect(findLandUse('0804 教育用地')?.names[0]).toBe('教育用地');
    expect(findLandUse('教育')?.names[0]).toBe('教育用地');
    expect(findLandUse('')).toBeNull();
    expect(findLandUse(null)).toBeNull();
    expect(findLandUse('不存在的用途')).toBeNull();
  });
});

describe('《划拨用地目录》 (国土资源部令第9号)', () => {
  it('has its 19 items, each reachable from some land-use class', () => {
    expect(ALLOCATION_CATALOGUE.map((i) => i.no)).toEqual(Array.from({ length: 19 }, (_, k) => k + 1));
    for (const item of ALLOCATION_CATALOGUE) {
      expect(LAND_USES.some((e) => e.facilities.some((f) => item.facilities.includes(f))), item.name).toBe(true);
    }
  });

  it('labels items with their number and finds them back', () => {
    const school = ALLOCATION_CATALOGUE[4];
    expect(allocationItemLabel(school)).toBe('（五）非营利性教育设施用地');
    expect(findAllocationItem('（五）非营利性教育设施用地')).toBe(school);
    expect(findAllocationItem('（十九）特殊用地（监狱、劳教所、戒毒所、看守所、治安拘留所、收容教育所等）')?.no).toBe(19);
    expect(findAllocationItem('')).toBeNull();
  });

  it('offers the items a use can hold', () => {
    expect(allocationItemsFor('教育用地').map(allocationItemLabel)).toEqual(['（五）非营利性教育设施用地']);
    expect(allocationItemsFor('交通运输用地').map((i) => i.no)).toEqual([3, 11, 15, 16, 17, 18]);
    expect(allocationItemsFor('商服用地')).toEqual([]);
    expect(allocationItemsFor(null)).toEqual([]);
  });
});
