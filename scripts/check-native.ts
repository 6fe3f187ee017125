/**
 * `npm run check:native [-- --dir <unpacked bundle or app folder>]` — no native add-on at run time,
 * so one build serves x86_64 and aarch64 (issue 13).
 *
 * 1. The production dependency tree (package-lock.json without dev packages): a package that is
 *    required at run time must not carry a compiled add-on (`*.node`), a `binding.gyp`, or an
 *    install script that compiles one (node-gyp, prebuild-install, node-pre-gyp, cmake-js). Next's
 *    optional native helpers (its SWC compiler, sharp for next/image) are listed: they are build
 *    tools or unused, and the bundle must not carry them — which (2) checks.
 * 2. With --dir: no file under the folder is an add-on, a `binding.gyp` or any other ELF binary,
 *    except the bundled Node runtime itself (`node/bin/node`).
 *
 * Exits 1 with the findings in Chinese.
 */
import { existsSync, openSync, readFileSync, readSync, closeSync, readdirSync, lstatSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

interface LockPackage {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  hasInstallScript?: boolean;
  os?: string[];
  cpu?: string[];
}

export interface NativeFinding {
  where: string;
  what: string;
}

const COMPILING_SCRIPT = /\b(node-gyp|prebuild-install|node-pre-gyp|cmake-js|prebuildify)\b/;

function isElf(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4);
    return readSync(fd, head, 0, 4, 0) === 4 && head[0] === 0x7f && head.toString('latin1', 1, 4) === 'ELF';
  } finally {
    closeSync(fd);
  }
}

/** Every file under `dir` (symbolic links are not followed). */
function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    const st = lstatSync(path);
    if (st.isDirectory()) yield* walk(path);
    else if (st.isFile()) yield path;
  }
}

/** Native content inside one package folder: add-ons and gyp files. */
function nativeFilesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const file of walk(dir)) {
    const rel = relative(dir, file);
    // A nested package is judged on its own entry of the lock file.
    if (rel.split(sep).includes('node_modules')) continue;
    if (file.endsWith('.node') || file.endsWith(`${sep}binding.gyp`) || rel === 'binding.gyp') found.push(rel);
  }
  return found;
}

/** (1) The production dependency tree of `root` (its package-lock.json and node_modules). */
export function checkProductionTree(root: string): { problems: NativeFinding[]; optionalNative: NativeFinding[] } {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockPackage> };
  const problems: NativeFinding[] = [];
  const optionalNative: NativeFinding[] = [];
  for (const [path, pkg] of Object.entries(lock.packages)) {
    if (path === '' || pkg.dev) continue;
    const dir = join(root, path);
    const findings: string[] = [];
    const files = nativeFilesIn(dir);
    if (files.length) findings.push(`含原生扩展文件：${files.slice(0, 3).join('、')}${files.length > 3 ? ` 等 ${files.length} 个` : ''}`);
    if (pkg.hasInstallScript && existsSync(join(dir, 'package.json'))) {
      const scripts = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
      for (const name of ['preinstall', 'install', 'postinstall']) {
        if (scripts[name] && COMPILING_SCRIPT.test(scripts[name])) findings.push(`安装脚本 ${name} 会编译原生扩展：${scripts[name]}`);
      }
    }
    // A package for another platform (os/cpu) is not installed here: its name says it is native.
    const platformOnly = Boolean(pkg.os?.length || pkg.cpu?.length);
    if (!findings.length && !(platformOnly && !existsSync(dir))) continue;
    const what = findings.length ? findings.join('；') : `仅适用于特定平台（${[...(pkg.os ?? []), ...(pkg.cpu ?? [])].join('/')}）`;
    const name = path.replace(/^.*node_modules\//, '');
    if (pkg.optional || pkg.devOptional) optionalNative.push({ where: `${name}@${pkg.version ?? '?'}`, what });
    else problems.push({ where: `${name}@${pkg.version ?? '?'}`, what });
  }
  return { problems, optionalNative };
}

/** (2) A bundle or app folder: nothing native but the bundled Node runtime. */
export function checkFolder(dir: string): NativeFinding[] {
  const problems: NativeFinding[] = [];
  for (const file of walk(dir)) {
    const rel = relative(dir, file);
    if (rel === join('node', 'bin', 'node')) continue;
    if (file.endsWith('.node')) problems.push({ where: rel, what: '原生扩展（.node）' });
    else if (rel.endsWith('binding.gyp')) problems.push({ where: rel, what: 'node-gyp 构建文件' });
    else if (isElf(file)) problems.push({ where: rel, what: 'ELF 可执行文件（与处理器架构相关）' });
  }
  return problems;
}

function main(): void {
  const args = process.argv.slice(2);
  const dirIndex = args.indexOf('--dir');
  const dir = dirIndex >= 0 ? args[dirIndex + 1] : undefined;
  if (dirIndex >= 0 && !dir) {
    console.error('用法：npm run check:native [-- --dir <已解压的安装包或应用目录>]');
    process.exit(2);
  }
  let failed = false;
  const root = process.cwd();
  const tree = checkProductionTree(root);
  if (tree.problems.length) {
    failed = true;
    console.error(`生产依赖中有 ${tree.problems.length} 个包含原生扩展（运行时不允许，同一构建须同时支持 x86_64 与 aarch64）：`);
    for (const p of tree.problems) console.error(`  ✗ ${p.where}：${p.what}`);
  } else {
    console.log('生产依赖（package-lock.json 中的非开发依赖）不含原生扩展 ✓');
  }
  if (tree.optionalNative.length) {
    console.log(`可选的原生包 ${tree.optionalNative.length} 个（构建工具或未使用的功能，安装包中不得出现，由 --dir 检查）：`);
    // One line per family (@img/sharp-*, @next/swc-* …): the platform variants say nothing more.
    const families = new Map<string, number>();
    for (const p of tree.optionalNative) {
      const family = p.where.replace(/@[^@]*$/, '').replace(/^(@?[^-]+)-.*$/, '$1-*');
      families.set(family, (families.get(family) ?? 0) + 1);
    }
    for (const [family, n] of families) console.log(`  · ${family}${n > 1 ? `（${n} 个）` : ''}`);
  }
  if (dir) {
    if (!existsSync(dir)) {
      console.error(`目录不存在：${dir}`);
      process.exit(2);
    }
    const found = checkFolder(dir);
    if (found.length) {
      failed = true;
      console.error(`${dir} 中有 ${found.length} 个与处理器架构相关的文件：`);
      for (const p of found.slice(0, 50)) console.error(`  ✗ ${p.where}：${p.what}`);
    } else {
      console.log(`${dir}：除 node/bin/node 外没有原生扩展或可执行文件 ✓`);
    }
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && /check-native\.(ts|js|mjs)$/.test(process.argv[1])) main();
