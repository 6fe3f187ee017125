/** File sizes in messages: megabytes (1 MB = 1024 × 1024 bytes), as few decimals as read well. */
export const MEGABYTE = 1024 * 1024;

export function formatMegabytes(bytes: number): string {
  const mb = bytes / MEGABYTE;
  return `${Number(mb >= 10 ? mb.toFixed(1) : mb.toPrecision(3))} MB`;
}

/** Size and limit in MB, with enough decimals that the size visibly exceeds the limit. */
export function sizeOverLimitFigures(size: number, limit: number): { sizeText: string; limitText: string } {
  let digits = 1;
  let sizeText = (size / MEGABYTE).toFixed(digits);
  const limitText = formatMegabytes(limit).replace(' MB', '');
  while (Number(sizeText) <= Number(limitText) && digits < 6) {
    digits++;
    sizeText = (size / MEGABYTE).toFixed(digits);
  }
  return { sizeText, limitText };
}

/** 「文件大小 X MB 超过上限 Y MB」. */
export function sizeOverLimitMessage(size: number, limit: number): string {
  const { sizeText, limitText } = sizeOverLimitFigures(size, limit);
  return `文件大小 ${sizeText} MB 超过上限 ${limitText} MB`;
}
