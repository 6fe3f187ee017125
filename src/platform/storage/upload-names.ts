/**
 * The file-name half of the upload check for photos and documents (the content half is the
 * magic-byte sniffing of image-types.ts / document-types.ts, which decides the type: a PNG named
 * .txt is still a PNG). A name ending in a program, script or web-page extension is refused even
 * when the content is an accepted type: the stored name is offered again for download, and
 * 「批复.pdf.exe」 or 「凭证.html」 must not come back out of the system. Client-safe.
 */
export const DANGEROUS_EXTENSIONS = [
  'exe', 'com', 'bat', 'cmd', 'scr', 'pif', 'msi', 'msp', 'dll', 'cpl', 'jar', 'vbs', 'vbe', 'js', 'jse', 'mjs', 'wsf', 'wsh', 'ps1', 'psm1',
  'sh', 'bash', 'py', 'pl', 'rb', 'php', 'jsp', 'asp', 'aspx', 'hta', 'html', 'htm', 'xhtml', 'shtml', 'svg', 'xml', 'lnk', 'reg', 'apk', 'elf', 'bin', 'run', 'appimage', 'deb', 'rpm',
] as const;

export function extensionOfName(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** Chinese refusal when `name` ends in a program / script / page extension, else null. */
export function extensionRefusal(what: string, name: string, label: string): string | null {
  const ext = extensionOfName(name);
  if (!ext || !(DANGEROUS_EXTENSIONS as readonly string[]).includes(ext)) return null;
  return `${what}「${name}」的扩展名「.${ext}」不受支持，请上传 ${label}`;
}
