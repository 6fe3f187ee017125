import { sql } from 'drizzle-orm';
import { queryRows, type Db } from './client';

export type ServerFlavour = 'postgresql' | 'opengauss' | 'kingbase';

export function detectFlavour(versionString: string): ServerFlavour {
  const v = versionString.toLowerCase();
  if (v.includes('opengauss') || v.includes('gaussdb')) return 'opengauss';
  if (v.includes('kingbase')) return 'kingbase';
  return 'postgresql';
}

/**
 * openGauss in its default 'A' mode turns '' into NULL and changes many semantics; KingbaseES
 * can do the same. Refuse to run outside PostgreSQL compatibility mode.
 * Returns null when fine, otherwise the Chinese reason.
 */
export function compatProblem(flavour: ServerFlavour, setting: string | null): string | null {
  if (flavour === 'opengauss' && (setting ?? '').toUpperCase() !== 'PG') {
    return `openGauss 数据库未处于 PG 兼容模式（当前 sql_compatibility = ${setting ?? '未知'}）。请用 CREATE DATABASE … DBCOMPATIBILITY 'PG' 新建数据库后再启动本系统。`;
  }
  if (flavour === 'kingbase' && setting !== null && !['off', 'false', '0'].includes(setting.toLowerCase())) {
    return `KingbaseES 的 ora_input_emptystr_isnull 为 ${setting}，空字符串会被当作 NULL。请在 PG 模式下将其设为 off 后再启动本系统。`;
  }
  return null;
}

export async function checkServerCompatibility(db: Db): Promise<{ flavour: ServerFlavour; version: string }> {
  const [row] = await queryRows<{ v: string }>(db, sql`select version() as v`);
  const version = row?.v ?? '';
  const flavour = detectFlavour(version);
  let setting: string | null = null;
  if (flavour === 'opengauss') {
    const [r] = await queryRows<{ sql_compatibility: string }>(db, sql.raw('show sql_compatibility'));
    setting = r ? String(Object.values(r)[0]) : null;
  } else if (flavour === 'kingbase') {
    try {
      const [r] = await queryRows<Record<string, string>>(db, sql.raw('show ora_input_emptystr_isnull'));
      setting = r ? String(Object.values(r)[0]) : null;
    } catch {
      setting = null; // parameter absent: the PG-mode build has no Oracle empty-string rule
    }
  }
  const problem = compatProblem(flavour, setting);
  if (problem) throw new Error(problem);
  return { flavour, version };
}
