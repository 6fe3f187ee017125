/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from 0–9 and the capitals without I, O, S, V, Z —
 * registration authority and entity type (2), administrative division (6 digits), organisation
 * code (9), check character (1). Pure and client-safe.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character for the first 17 characters. */
export function creditCodeCheckChar(first17: string): string {
  if (!/^[0-9A-HJ-NPQRTUWXY]{17}$/.test(first17)) throw new Error('creditCodeCheckChar needs 17 code characters');
  const sum = [...first17].reduce((acc, c, i) => acc + CHARSET.indexOf(c) * WEIGHTS[i], 0);
  return CHARSET[(31 - (sum % 31)) % 31];
}

export function normaliseCreditCode(value: string | null | undefined): string {
  return (value ?? '').trim().toUpperCase();
}

/** Format and check character (lower-case letters are accepted and normalised). */
export function isValidCreditCode(value: string | null | undefined): boolean {
  const s = normaliseCreditCode(value);
  return FORMAT.test(s) && creditCodeCheckChar(s.slice(0, 17)) === s[17];
}
