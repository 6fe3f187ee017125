import qrcode from 'qrcode-generator';

export interface QrPicture {
  /** Modules per side, quiet zone included (the SVG viewBox). */
  size: number;
  /** One SVG path of the dark modules, one unit per module. */
  path: string;
}

/** Quiet zone of four modules, as ISO/IEC 18004 asks. */
const MARGIN = 4;

/**
 * A QR code drawn by the app itself (no image service, no client script): the dark modules as
 * one SVG path, error correction L (a screen shows it sharp; fewer, larger modules scan more easily). The text is an otpauth:// URI (ASCII), encoded as bytes.
 */
export function qrPicture(text: string): QrPicture {
  const qr = qrcode(0, 'L');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  const parts: string[] = [];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!qr.isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && qr.isDark(row, col)) col++;
      parts.push(`M${start + MARGIN} ${row + MARGIN}h${col - start}v1h${start - col}z`);
    }
  }
  return { size: n + 2 * MARGIN, path: parts.join('') };
}
