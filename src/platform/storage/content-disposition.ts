/**
 * `content-disposition` for a download or inline view: an ASCII fallback name plus the RFC 5987
 * UTF-8 form, so Chinese file names survive in every browser.
 */
export function contentDisposition(fileName: string, kind: 'inline' | 'attachment' = 'inline'): string {
  // eslint-disable-next-line no-control-regex
  const clean = fileName.replace(/[\u0000-\u001f\u007f"\\/]/g, '_').trim() || 'file';
  const ascii = clean.replace(/[^\x20-\x7e]/g, '_');
  // encodeURIComponent leaves ' ( ) * ! unescaped; RFC 5987 attr-char does not allow them.
  const encoded = encodeURIComponent(clean).replace(/['()*!]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
