import { z } from 'zod';
import { zId, zOptionalText } from '@/platform/validation';
import { LAYER_KINDS, LAYER_ROLES, type TLayerKind, type TLayerRole } from './rules';

const KINDS = Object.keys(LAYER_KINDS) as [TLayerKind, ...TLayerKind[]];
const ROLES = Object.keys(LAYER_ROLES) as [TLayerRole, ...TLayerRole[]];

export const ZLayerFields = z.object({
  name: z.string({ error: '请填写图层名称' }).trim().min(1, '请填写图层名称').max(64, '图层名称不能超过 64 个字符'),
  kind: z.enum(KINDS, { error: '请选择图层类型' }),
  role: z.enum(ROLES, { error: '请选择用途' }),
  url: zOptionalText('服务地址', 1000),
  wmsLayers: zOptionalText('WMS 图层名', 200),
  sourceLayers: zOptionalText('矢量图层名', 500),
  apiKey: zOptionalText('密钥', 64),
  attribution: zOptionalText('版权说明', 200),
});
export const ZCreateLayer = ZLayerFields;
export const ZUpdateLayer = ZLayerFields.extend({ id: zId('图层') });
export const ZLayerRef = z.object({ id: zId('图层') });
export const ZChooseBasemap = z.object({ id: zId('底图').nullable() });
export const ZSetOverlay = z.object({ id: zId('图层'), enabled: z.boolean() });
