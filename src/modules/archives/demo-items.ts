import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/platform/db/client';
import type { Actor } from '@/platform/action';
import { users } from '@/platform/auth/schema';
import { putFile } from '@/platform/storage/file-store';
import { reserveProjects } from '@/modules/parcels/schema';
import { archiveItemFiles, archiveItems, archives } from './schema';
import { insertItem, type ItemMeta } from './mutations';

/**
 * Demo archive items (演示数据), run after syncArchives: a few items in each of the first demo
 * projects' archives, filed by the demo 档案管理员, titled 「演示」, is_demo set, each with a tiny
 * valid one-page PDF in the file store — enough to try 借阅 (one 内部 item per archive needs the
 * leader). Idempotent: nothing happens when demo items exist, or without demo projects or archivist.
 */

/** A one-page PDF (Helvetica, ASCII text) with a correct cross-reference table. */
export function tinyPdf(text: string): Uint8Array {
  const safe = text.replace(/[^\x20-\x7e]/g, '?').replace(/[()\\]/g, '');
  const stream = `BT /F1 18 Tf 72 720 Td (${safe}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

const DEMO_ITEMS: (Omit<ItemMeta, 'title' | 'itemDate'> & { title: string; itemDate: string; file: string })[] = [
  { stage: '计划', title: '项目实施方案批复（演示）', category: '批复文件', itemDate: '2025-03-18', department: '规划科', retention: '永久', secrecy: '公开', pageCount: 6, description: '演示数据', file: 'Demo approval' },
  { stage: '收储', title: '土地收购协议（演示）', category: '合同协议', itemDate: '2025-06-02', department: '收储科', retention: '永久', secrecy: '内部', pageCount: 12, description: '演示数据', file: 'Demo purchase agreement' },
  { stage: '收储', title: '权属调查报告（演示）', category: '权属资料', itemDate: '2025-05-20', department: '收储科', retention: '30年', secrecy: '公开', pageCount: 9, description: '演示数据', file: 'Demo ownership survey' },
];

export async function seedArchivesDemo(db: Db, perArchive = 3, projects = 3): Promise<number> {
  const [existing] = await db.select({ id: archiveItems.id }).from(archiveItems).where(eq(archiveItems.isDemo, true)).limit(1);
  if (existing) return 0;
  const [archivist] = await db.select({ id: users.id, username: users.username, displayName: users.displayName }).from(users).where(eq(users.username, 'archivist'));
  if (!archivist) return 0;
  const demoProjects = await db.select({ id: reserveProjects.id, code: reserveProjects.code }).from(reserveProjects).where(eq(reserveProjects.isDemo, true)).orderBy(asc(reserveProjects.code)).limit(projects);
  if (!demoProjects.length) return 0;
  const found = await db.select({ id: archives.id, ownerId: archives.ownerId }).from(archives).where(inArray(archives.ownerId, demoProjects.map((p) => p.id)));
  const actor: Actor = { userId: archivist.id, username: archivist.username, displayName: archivist.displayName, roleNames: '档案管理员', departmentId: null, permissions: new Set(), ip: null, requestId: null };
  let n = 0;
  await db.transaction(async (tx) => {
    for (const p of demoProjects) {
      const archive = found.find((a) => a.ownerId === p.id && a.id.startsWith('aj-'));
      if (!archive) continue;
      for (const d of DEMO_ITEMS.slice(0, perArchive)) {
        const { file, ...meta } = d;
        const item = await insertItem(tx, actor, archive.id, meta, { sourceType: '上传', sourceId: null });
        await tx.update(archiveItems).set({ isDemo: true }).where(eq(archiveItems.id, item.id));
        const bytes = tinyPdf(`${file} - ${p.code} - ${item.archiveNo.replace(/[^\x20-\x7e]/g, '.')}`);
        const stored = await putFile(bytes);
        await tx.insert(archiveItemFiles).values({ itemId: item.id, fileName: `${meta.title}.pdf`, mimeType: 'application/pdf', sizeBytes: stored.sizeBytes, sm3: stored.sm3, position: 0 });
        n++;
      }
    }
  });
  return n;
}
