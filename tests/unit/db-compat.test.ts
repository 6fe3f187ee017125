import { describe, expect, it } from 'vitest';
import { compatProblem, detectFlavour } from '../../src/platform/db/compat';

describe('database compatibility check at start', () => {
  it.each([
    ['PostgreSQL 15.19 (Debian 15.19-0+deb12u1) on x86_64-pc-linux-gnu', 'postgresql'],
    ['(openGauss 5.0.3 build 89d339ca) compiled at 2024-07-01 on aarch64-unknown-linux-gnu', 'opengauss'],
    ['KingbaseES V008R006C008B0014 on aarch64-unknown-linux-gnu', 'kingbase'],
  ])('detects %s', (v, flavour) => {
    expect(detectFlavour(v)).toBe(flavour);
  });

  it('refuses openGauss outside PG mode and accepts PG mode', () => {
    expect(compatProblem('opengauss', 'A')).toMatch(/未处于 PG 兼容模式.*sql_compatibility = A/);
    expect(compatProblem('opengauss', 'pg')).toBeNull();
    expect(compatProblem('opengauss', null)).toMatch(/未处于 PG 兼容模式/);
  });

  it('refuses KingbaseES when empty strings become NULL', () => {
    expect(compatProblem('kingbase', 'on')).toMatch(/ora_input_emptystr_isnull/);
    expect(compatProblem('kingbase', 'off')).toBeNull();
    expect(compatProblem('kingbase', null)).toBeNull();
    expect(compatProblem('postgresql', null)).toBeNull();
  });
});
