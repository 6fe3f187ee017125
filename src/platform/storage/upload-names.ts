/**
 * The file-name half of the upload check (the content half is the magic-byte sniffing of
 * image-types.ts / document-types.ts): a name with an extension outside the accepted ones is
 * refused — a program renamed is refused by its content anyway, this also refuses the name that
 * would later be offered for download (报告.pdf.exe). A name without an extension is left to the
 * content. Client-safe.
 */
export function extensionOfName(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** Chinese refusal when `name` has an extension not in `accepted` (lower case, no dot), else null. */
export function extensionRefusal(what: string, name: string, accepted: readonly string[], label: string): string | null {
  const ext = extensionOfName(name);
  if (!ext || accepted.includes(ext)) return null;
  return `${what}「${name}」的扩展名「.${ext.slice(0, 20)}」不受支持，请上传 ${label}`;
}
