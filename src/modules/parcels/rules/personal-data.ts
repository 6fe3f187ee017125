/** Masking and format checks for the personal data of compensated parties (ID numbers, phones). */

const stars = (n: number) => '*'.repeat(Math.max(0, n));

/** Keep `head` and `tail` characters when the text is long enough to hide at least as many as it shows. */
function maskMiddle(text: string, head: number, tail: number): string {
  const chars = [...text];
  const n = chars.length;
  if (n === 0) return '';
  if (n >= head + tail + Math.max(head, tail)) return chars.slice(0, head).join('') + stars(n - head - tail) + chars.slice(n - tail).join('');
  if (n >= 3) return chars[0] + stars(n - 2) + chars[n - 1];
  return stars(n);
}

/**
 * '430902199001011234' → '4309**********1234' (first 4 and last 4 kept). Shorter values
 * (passports, partial numbers) keep only the first and last character; 1–2 characters are all stars.
 */
export function maskIdNumber(value: string | null | undefined): string {
  return maskMiddle((value ?? '').trim(), 4, 4);
}

/**
 * '13812345678' → '138****5678'. A landline keeps its area code and the last 4 digits of the
 * number; an extension stays ('0737-4221234-801' → '0737-***1234-801').
 */
export function maskPhone(value: string | null | undefined): string {
  const text = (value ?? '').trim();
  const landline = /^(0\d{2,3})-(\d{7,8})((?:-\d{1,6})?)$/.exec(text);
  if (landline) return `${landline[1]}-${stars(landline[2].length - 4)}${landline[2].slice(-4)}${landline[3]}`;
  return maskMiddle(text, 3, 4);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** The GB 11643-1999 check character for the first 17 digits of an ID number. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('idNumberCheckChar needs 17 digits');
  const sum = [...first17].reduce((acc, c, i) => acc + Number(c) * ID_WEIGHTS[i], 0);
  return ID_CHECK_CHARS[sum % 11];
}

function isRealBirthDate(y: number, m: number, d: number): boolean {
  if (y < 1800 || m < 1 || m > 12 || d < 1) return false;
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

/**
 * A PRC resident ID number: 18 characters (17 digits, a real birth date at 7–14, and the
 * GB 11643 check character, digit or X/x), or the legacy 15-digit form (birth date 19YYMMDD).
 */
export function isValidIdNumber(value: string | null | undefined): boolean {
  const s = (value ?? '').trim().toUpperCase();
  if (/^[1-9]\d{16}[\dX]$/.test(s)) {
    const ok = isRealBirthDate(Number(s.slice(6, 10)), Number(s.slice(10, 12)), Number(s.slice(12, 14)));
    return ok && idNumberCheckChar(s.slice(0, 17)) === s[17];
  }
  if (/^[1-9]\d{14}$/.test(s)) {
    return isRealBirthDate(1900 + Number(s.slice(6, 8)), Number(s.slice(8, 10)), Number(s.slice(10, 12)));
  }
  return false;
}

/**
 * A mainland mobile number (1[3-9] + 9 digits, optional +86/86 prefix) or a landline with its
 * area code (0 + 2–3 digits, optional hyphen, 7–8 digits, optional -extension).
 */
export function isValidPhone(value: string | null | undefined): boolean {
  const s = (value ?? '').trim().replace(/\s+/g, '');
  if (/^(?:\+?86-?)?1[3-9]\d{9}$/.test(s)) return true;
  return /^0\d{2,3}-?[1-9]\d{6,7}(?:-\d{1,6})?$/.test(s);
}
