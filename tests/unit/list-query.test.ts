import { describe, expect, it } from 'vitest';
import { listQueryString } from '../../src/ui/use-list-navigation';

describe('list URL state', () => {
  it('drops empty values and defaults, trims text', () => {
    expect(listQueryString({ q: '  张 ', dept: '', status: undefined, page: 1, size: 20 })).toBe('q=%E5%BC%A0');
    expect(listQueryString({ q: null, page: 3, size: 50 })).toBe('page=3&size=50');
    expect(listQueryString({ action: '新建用户', page: 1, size: 20 })).toBe('action=%E6%96%B0%E5%BB%BA%E7%94%A8%E6%88%B7');
  });
});
