/**
 * 移交包 naming and manifest (pure, client-safe; the stream is in transfer.ts). The package follows
 * the structure of DA/T 22-2015《归档文件整理规则》: one folder per archive (named by the parcel's or
 * project's code), in it one folder per item (件) named by its 档号, holding the item's files; at
 * the root the 归档文件目录 (Excel), `manifest.json` / `manifest.xml` (every file with its path,
 * size and SM3) and, when a stored file failed its check, `问题清单.txt`.
 */

/** A path segment: path separators and control characters become '_' ('·' and the rest stay). */
export function safeSegment(name: string): string {
  // eslint-disable-next-line no-control-regex
  const s = name.replace(/[\u0000-\u001f\u007f/\\]/g, '_').trim();
  if (s === '' || s === '.' || s === '..') return '_';
  return s;
}

/**
 * A name not yet used in its folder: `a.pdf`, then `a (2).pdf`, `a (3).pdf` … (case-insensitively,
 * since Windows unpacks into a case-insensitive file system). `used` is updated.
 */
export function uniqueName(name: string, used: Set<string>): string {
  const base = safeSegment(name);
  const dot = base.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, ''];
  let candidate = base;
  for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${ext}`;
  used.add(candidate.toLowerCase());
  return candidate;
}

export interface ManifestFile {
  /** Path inside the zip (folders separated by '/'). */
  path: string;
  archiveNo: string;
  fileName: string;
  sizeBytes: number;
  sm3: string;
}

export interface ManifestProblem {
  archiveNo: string;
  fileName: string;
  sm3: string;
  /** 文件缺失 / 摘要不符 / 打包时文件被改动 */
  problem: string;
}

export interface ManifestInput {
  generatedAt: Date;
  generatedBy: { username: string; displayName: string };
  fondsCode: string;
  archives: { ownerType: string; ownerCode: string; title: string; folder: string; itemCount: number }[];
  itemCount: number;
  files: ManifestFile[];
  problems: ManifestProblem[];
}

export const MANIFEST_STANDARD = 'DA/T 22-2015《归档文件整理规则》';
export const DIGEST_ALGORITHM = 'SM3';

/** The manifest as JSON (UTF-8) and XML, with the same content. */
export function buildManifest(m: ManifestInput): { json: string; xml: string } {
  const totalBytes = m.files.reduce((s, f) => s + f.sizeBytes, 0);
  const doc = {
    名称: '档案移交包',
    标准: MANIFEST_STANDARD,
    生成时间: m.generatedAt.toISOString(),
    生成人: { 账号: m.generatedBy.username, 姓名: m.generatedBy.displayName },
    全宗号: m.fondsCode,
    摘要算法: DIGEST_ALGORITHM,
    档案数: m.archives.length,
    条目数: m.itemCount,
    文件数: m.files.length,
    总字节数: totalBytes,
    档案: m.archives.map((a) => ({ 类型: a.ownerType, 编号: a.ownerCode, 题名: a.title, 文件夹: a.folder, 条目数: a.itemCount })),
    文件: m.files.map((f) => ({ 路径: f.path, 档号: f.archiveNo, 文件名: f.fileName, 字节数: f.sizeBytes, SM3: f.sm3 })),
    问题: m.problems.map((p) => ({ 档号: p.archiveNo, 文件名: p.fileName, SM3: p.sm3, 问题: p.problem })),
  };
  const x = xmlEscape;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<移交包 标准="${x(MANIFEST_STANDARD)}" 摘要算法="${DIGEST_ALGORITHM}">`,
    `  <生成时间>${x(doc.生成时间)}</生成时间>`,
    `  <生成人 账号="${x(m.generatedBy.username)}">${x(m.generatedBy.displayName)}</生成人>`,
    `  <全宗号>${x(m.fondsCode)}</全宗号>`,
    `  <统计 档案数="${doc.档案数}" 条目数="${doc.条目数}" 文件数="${doc.文件数}" 总字节数="${totalBytes}"/>`,
    '  <档案列表>',
    ...m.archives.map((a) => `    <档案 类型="${x(a.ownerType)}" 编号="${x(a.ownerCode)}" 文件夹="${x(a.folder)}" 条目数="${a.itemCount}">${x(a.title)}</档案>`),
    '  </档案列表>',
    '  <文件列表>',
    ...m.files.map((f) => `    <文件 路径="${x(f.path)}" 档号="${x(f.archiveNo)}" 字节数="${f.sizeBytes}" SM3="${f.sm3}">${x(f.fileName)}</文件>`),
    '  </文件列表>',
    '  <问题列表>',
    ...m.problems.map((p) => `    <问题 档号="${x(p.archiveNo)}" 文件名="${x(p.fileName)}" SM3="${x(p.sm3)}">${x(p.problem)}</问题>`),
    '  </问题列表>',
    '</移交包>',
    '',
  ];
  return { json: JSON.stringify(doc, null, 2) + '\n', xml: lines.join('\n') };
}

/** XML text/attribute escaping; characters XML 1.0 forbids are dropped. */
export function xmlEscape(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** 问题清单.txt: one line per file left out. */
export function problemList(problems: ManifestProblem[], generatedAt: Date): string {
  const lines = [
    '问题清单',
    `生成时间：${generatedAt.toISOString()}`,
    `以下 ${problems.length} 个文件未放入移交包（存储文件缺失或与登记的 SM3 摘要不符），请核查后重新生成：`,
    '',
    ...problems.map((p, i) => `${i + 1}. 档号 ${p.archiveNo}\u3000文件「${p.fileName}」\u3000登记 SM3 ${p.sm3}\u3000问题：${p.problem}`),
    '',
  ];
  return lines.join('\r\n');
}
