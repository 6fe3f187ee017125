/**
 * SQL compatibility check for openGauss / KingbaseES (npm run lint:sql).
 * Scans drizzle/*.sql migrations and raw SQL / drizzle builder calls in src/**\/*.ts(x).
 * Rules: scripts/lib/sql-compat-rules.ts; background: the compatibility profile (COMPAT.md).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { formatFinding, lintSqlText, lintTsText, type Finding } from './lib/sql-compat-rules';

const root = process.cwd();

function listFiles(dir: string, accept: (name: string) => boolean, recursive: boolean): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (recursive) out.push(...listFiles(full, accept, recursive));
    } else if (accept(name)) {
      out.push(full);
    }
  }
  return out;
}

function rel(file: string): string {
  return relative(root, file).split(sep).join('/');
}

function main(): number {
  const sqlFiles = listFiles(join(root, 'drizzle'), (n) => n.endsWith('.sql'), false);
  const tsFiles = listFiles(join(root, 'src'), (n) => /\.tsx?$/.test(n) && !n.endsWith('.d.ts'), true);
  const findings: Finding[] = [];
  for (const file of sqlFiles) findings.push(...lintSqlText(readFileSync(file, 'utf8'), rel(file)));
  for (const file of tsFiles) findings.push(...lintTsText(readFileSync(file, 'utf8'), rel(file)));

  const scanned = sqlFiles.length + tsFiles.length;
  if (findings.length === 0) {
    console.log(`SQL 兼容性检查通过：扫描 ${scanned} 个文件（迁移 ${sqlFiles.length} 个，TypeScript ${tsFiles.length} 个）`);
    return 0;
  }
  for (const f of findings) console.log(formatFinding(f));
  const files = new Set(findings.map((f) => f.file)).size;
  console.log('');
  console.log(`SQL 兼容性检查未通过：在 ${files} 个文件中发现 ${findings.length} 处问题（共扫描 ${scanned} 个文件）。`);
  console.log('生产环境运行在 openGauss / KingbaseES 上，请改写上述 SQL；确需保留的，请在同一行或上一行注释中写明 "compat-ok: 理由"。');
  return 1;
}

process.exitCode = main();
