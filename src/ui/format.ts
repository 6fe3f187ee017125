/** Display formats: dates YYYY-MM-DD and times in Asia/Shanghai; numbers with thousands separators. */
const dateFmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const timeFmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export function formatDate(d: Date | string | null | undefined): string {
  if (!d) return '';
  return dateFmt.format(new Date(d));
}

export function formatDateTime(d: Date | string | null | undefined): string {
  if (!d) return '';
  return timeFmt.format(new Date(d)).replace(',', '');
}

export function todayInShanghai(now = new Date()): string {
  return dateFmt.format(now);
}

/** Thousands separators on a plain decimal string ("-1234567.5" → "-1,234,567.5"). */
export function groupThousands(plain: string): string {
  const [int, frac] = plain.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

/** A difference with its sign always shown ("+1,234.50", "-0.25"; zero has none). */
export function groupThousandsSigned(plain: string): string {
  const unsigned = plain.replace(/^[+-]/, '');
  if (/^[0.]*$/.test(unsigned)) return groupThousands(unsigned);
  return `${plain.startsWith('-') ? '-' : '+'}${groupThousands(unsigned)}`;
}
