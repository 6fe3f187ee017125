import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineMutation, fail } from '@/platform/action';
import { hasLineControlChars, zId } from '@/platform/validation';
import { isPolygonalGeometry, type PolygonalGeometry } from '@/platform/geo/geometry';
import { reserveProjects } from '../schema';
import { registerParcel } from '../mutations';
import type { ImportPreview } from './service';

const ZImport = z.object({
  projectId: zId('项目'),
  fileName: z.string().max(256, '文件名不能超过 256 个字符').refine((s) => !hasLineControlChars(s), '文件名不能包含控制字符'),
  preview: z.custom<ImportPreview>((v) => !!v && typeof v === 'object' && Array.isArray((v as ImportPreview).features), '导入内容无效'),
});

/**
 * 批量导入边界: every feature of the (re-parsed, re-checked) file becomes a parcel at 拟收储
 * in the chosen project — all or nothing: any problem and the transaction writes no row.
 */
export const importParcels = defineMutation({
  name: '批量导入地块',
  permission: 'parcel:edit',
  objectType: '地块',
  schema: ZImport,
  async run(ctx, input) {
    const { preview } = input;
    if (!preview.ok) {
      const first = preview.fileProblems[0] ?? preview.features.find((f) => f.problems.length)?.problems[0] ?? '文件中没有可导入的地块';
      fail(`导入未执行，文件中有需要修正的问题：${first}`, 'INVALID_INPUT');
    }
    const [project] = await ctx.tx.select({ id: reserveProjects.id }).from(reserveProjects).where(eq(reserveProjects.id, input.projectId));
    if (!project) fail('所选项目不存在，请刷新后重新选择', 'NOT_FOUND');
    const ids: string[] = [];
    for (const f of preview.features) {
      if (!isPolygonalGeometry(f.geometry)) fail(`第 ${f.index + 1} 个地块的边界无效`, 'INVALID_INPUT');
      const { id } = await registerParcel(ctx, {
        code: f.code,
        name: f.name.slice(0, 100),
        projectId: input.projectId,
        plannedUse: f.plannedUse,
        boundary: f.geometry as PolygonalGeometry,
        note: `由文件 ${input.fileName} 导入`,
      });
      ids.push(id);
    }
    return { ids };
  },
});
