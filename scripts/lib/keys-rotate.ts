import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/platform/db/client';
import { getConfig } from '../../src/platform/config';
import { getKeyRing, loadKeyRing, resetKeyRing } from '../../src/platform/crypto/keys';
import { reencryptColumn, type ColumnRotation } from '../../src/platform/crypto/rotate';
import { ENCRYPTED_COLUMNS } from '../../src/modules/parcels/acquisition/encrypted-columns';
import { tagEntries, type TagRunCounts } from '../../src/modules/funds/ledger/integrity';

/** Writes a new random key version to DATA_DIR/sm4.v<N>.key (mode 600) and returns it. */
export function writeNewKeyVersion(): { version: number; file: string } {
  const ring = loadKeyRing();
  const version = Math.max(...ring.keys.keys()) + 1;
  const dir = resolve(getConfig().DATA_DIR);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `sm4.v${version}.key`);
  writeFileSync(file, randomBytes(16).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  resetKeyRing();
  return { version, file };
}

export interface RotationReport {
  version: number;
  columns: ColumnRotation[];
  ledger: TagRunCounts;
}

/** Re-encrypts every encrypted column and re-tags approved ledger entries with the current key version. */
export async function rotateAll(db: Db, say: (line: string) => void = () => {}): Promise<RotationReport> {
  const version = getKeyRing().current;
  const columns: ColumnRotation[] = [];
  for (const c of ENCRYPTED_COLUMNS) {
    const r = await reencryptColumn(db, c, (p) => say(`  ${p.name}：已重新加密 ${p.rewritten} 条……`));
    columns.push(r);
  }
  const ledger = await tagEntries(db, 'rotate', (p) => say(`  资金收支完整性标签：已更新 ${p.retagged} 条……`));
  return { version, columns, ledger };
}

/** The report as Chinese lines; `ok` is false when any value or entry failed its check. */
export function describeRotation(r: RotationReport): { lines: string[]; ok: boolean } {
  const lines = [`当前密钥版本：${r.version}`];
  let ok = true;
  for (const c of r.columns) {
    lines.push(`${c.name}：重新加密 ${c.rewritten} 条，原已为当前版本 ${c.current} 条，校验失败 ${c.failed.length} 条`);
    if (c.failed.length) {
      ok = false;
      for (const f of c.failed.slice(0, 20)) lines.push(`  校验失败（未改动）：记录 ${f.id}：${f.reason}`);
    }
  }
  lines.push(`资金收支完整性标签：改用当前版本 ${r.ledger.retagged} 条，校验失败 ${r.ledger.failed.length} 条`);
  if (r.ledger.failed.length) {
    ok = false;
    lines.push(`  校验失败（保留原标签，页面上继续标红）：${r.ledger.failed.slice(0, 50).join('、')}${r.ledger.failed.length > 50 ? ' 等' : ''}`);
  }
  return { lines, ok };
}
