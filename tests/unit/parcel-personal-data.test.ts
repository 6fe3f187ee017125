import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, isValidIdNumber, isValidPhone, maskIdNumber, maskPhone } from '../../src/modules/parcels/rules';

/**
 * Synthetic numbers of the real format. GB 11643 check character: Σ(digit × weight) with weights
 * 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, then index Σ mod 11 into '1 0 X 9 8 7 6 5 4 3 2'.
 * For 43090219900101123: 28+27+0+45+0+8+2+9+54+0+0+9+0+5+8+8+6 = 209, 209 mod 11 = 0 → '1'.
 */
const VALID_ZIYANG = '430902199001011231'; // 资阳区, born 1990-01-01
const VALID_HESHAN = '430903198512310024'; // 赫山区, born 1985-12-31
const VALID_WITH_X = '11010519491231002X'; // the GB 11643 textbook example
const VALID_LEAP_DAY = '430902200002290012'; // born 2000-02-29

describe('maskIdNumber', () => {
  it.each<[string | null | undefined, string]>([
    ['430902199001011234', '4309**********1234'],
    [VALID_WITH_X, '1101**********002X'],
    ['430902900101123', '4309*******1123'],
    ['123456789012', '1234****9012'],
    ['12345678901', '1*********1'],
    ['E12345678', 'E*******8'],
    ['ABC', 'A*C'],
    ['AB', '**'],
    ['A', '*'],
    ['', ''],
    [null, ''],
    [undefined, ''],
    ['  430902199001011234  ', '4309**********1234'],
  ])('%j → %j', (input, expected) => {
    expect(maskIdNumber(input)).toBe(expected);
  });

  it('never shows the birth date of an 18-digit number', () => {
    const masked = maskIdNumber(VALID_ZIYANG);
    expect(masked).not.toContain('19900101');
    expect(masked).toHaveLength(18);
  });
});

describe('maskPhone', () => {
  it.each<[string | null | undefined, string]>([
    ['13812345678', '138****5678'],
    ['19912345678', '199****5678'],
    ['0737-4221234', '0737-***1234'],
    ['010-12345678', '010-****5678'],
    ['0737-4221234-801', '0737-***1234-801'],
    ['07374221234', '073****1234'],
    ['4221234', '4*****4'],
    ['12', '**'],
    ['', ''],
    [null, ''],
  ])('%j → %j', (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });
});

describe('idNumberCheckChar (GB 11643)', () => {
  it.each([
    ['11010519491231002', 'X'],
    ['43090219900101123', '1'],
    ['43090319851231002', '4'],
    ['43090220000229001', '2'],
    ['43090219900229001', '7'],
  ])('%s → %s', (first17, check) => {
    expect(idNumberCheckChar(first17)).toBe(check);
  });

  it('rejects anything but 17 digits', () => {
    expect(() => idNumberCheckChar('1234')).toThrow();
  });
});

describe('isValidIdNumber', () => {
  it.each([VALID_ZIYANG, VALID_HESHAN, VALID_WITH_X, VALID_WITH_X.toLowerCase(), VALID_LEAP_DAY, ` ${VALID_ZIYANG} `])('accepts %s', (id) => {
    expect(isValidIdNumber(id)).toBe(true);
  });

  it('refuses every wrong check character', () => {
    for (const c of '0123456789X') {
      const candidate = VALID_ZIYANG.slice(0, 17) + c;
      expect(isValidIdNumber(candidate), candidate).toBe(c === '1');
    }
  });

  it('refuses a single changed digit (the check digit catches it)', () => {
    expect(isValidIdNumber('430902199001011241')).toBe(false);
    expect(isValidIdNumber('430912199001011231')).toBe(false);
  });

  it.each([
    ['the example in the brief (wrong check digit)', '430902199001011234'],
    ['impossible birth date with a correct check digit', '430902199002290017'],
    ['month 13', '430902199013011239'],
    ['17 digits', '43090219900101123'],
    ['19 digits', '4309021990010112311'],
    ['X in the middle', '43090219900X011231'],
    ['leading zero', '030902199001011231'],
    ['empty', ''],
    ['null', null],
  ])('refuses %s', (_name, id) => {
    expect(isValidIdNumber(id)).toBe(false);
  });

  it.each([
    ['430902900101123', true],
    ['430902900229123', false],
    ['430902901301123', false],
    ['43090290010112X', false],
  ])('15-digit legacy %s → %s', (id, expected) => {
    expect(isValidIdNumber(id)).toBe(expected);
  });
});

describe('isValidPhone', () => {
  it.each(['13812345678', '19912345678', '16612345678', '+8613812345678', '86-13812345678', '138 1234 5678', '0737-4221234', '07374221234', '010-12345678', '0737-4221234-801'])(
    'accepts %s',
    (phone) => {
      expect(isValidPhone(phone)).toBe(true);
    },
  );

  it.each(['12812345678', '1381234567', '138123456789', '23812345678', '0737-0221234', '737-4221234', '0737-42212', 'abc', '', null])(
    'refuses %j',
    (phone) => {
      expect(isValidPhone(phone)).toBe(false);
    },
  );
});
