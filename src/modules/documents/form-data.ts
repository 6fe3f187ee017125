import 'server-only';
import type { Db } from '@/platform/db/client';
import { DOCUMENT_TYPES } from './constants';
import { documentFlowFor } from './flows';
import { documentLinkOptions } from './queries';

/** What the 拟稿 / 修改 form needs besides the values: link options and each type's optional steps. */
export async function documentFormData(db: Db) {
  const [links, flows] = await Promise.all([documentLinkOptions(db), Promise.all(DOCUMENT_TYPES.map((t) => documentFlowFor(db, t)))]);
  const optionalSteps: Record<string, string[]> = {};
  DOCUMENT_TYPES.forEach((t, i) => {
    optionalSteps[t] = flows[i].steps.filter((s) => s.optional).map((s) => s.name);
  });
  return { ...links, optionalSteps };
}
