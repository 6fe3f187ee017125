import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkFolder, checkProductionTree } from '../../scripts/check-native';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'lr-native-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);

function write(path: string, content: string | Buffer): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
}

/** A project with a package-lock.json naming the given packages, each folder created. */
function project(packages: Record<string, Record<string, unknown>>, files: Record<string, string | Buffer> = {}): string {
  const root = tempDir();
  write(join(root, 'package-lock.json'), JSON.stringify({ packages: { '': { name: 'x' }, ...packages } }));
  for (const path of Object.keys(packages)) write(join(root, path, 'package.json'), JSON.stringify({ name: path.replace(/^node_modules\//, '') }));
  for (const [path, content] of Object.entries(files)) write(join(root, path), content);
  return root;
}

describe('check:native — the production dependency tree', () => {
  it('passes pure JavaScript packages and ignores development ones', () => {
    const root = project(
      { 'node_modules/decimal.js': { version: '10.6.0' }, 'node_modules/esbuild': { version: '0.25.12', dev: true } },
      { 'node_modules/esbuild/bin/esbuild': ELF, 'node_modules/esbuild/lib/x.node': 'x' },
    );
    expect(checkProductionTree(root)).toEqual({ problems: [], optionalNative: [] });
  });

  it('fails on a compiled add-on, a binding.gyp or a compiling install script in a required package', () => {
    const root = project(
      {
        'node_modules/addon': { version: '1.0.0' },
        'node_modules/gyp': { version: '2.0.0' },
        'node_modules/builds': { version: '3.0.0', hasInstallScript: true },
      },
      {
        'node_modules/addon/build/Release/addon.node': 'x',
        'node_modules/gyp/binding.gyp': '{}',
        'node_modules/builds/package.json': JSON.stringify({ name: 'builds', scripts: { install: 'prebuild-install || node-gyp rebuild' } }),
      },
    );
    const { problems } = checkProductionTree(root);
    expect(problems.map((p) => p.where).sort()).toEqual(['addon@1.0.0', 'builds@3.0.0', 'gyp@2.0.0']);
    expect(problems.find((p) => p.where === 'builds@3.0.0')?.what).toContain('node-gyp');
  });

  it('lists optional native packages (not shipped) apart from the problems', () => {
    const root = project({ 'node_modules/sharp': { version: '0.35.5', optional: true } }, { 'node_modules/sharp/src/binding.gyp': '{}' });
    const { problems, optionalNative } = checkProductionTree(root);
    expect(problems).toEqual([]);
    expect(optionalNative.map((p) => p.where)).toEqual(['sharp@0.35.5']);
  });
});

describe('check:native — a bundle folder', () => {
  it('allows the bundled node binary only', () => {
    const dir = tempDir();
    write(join(dir, 'node', 'bin', 'node'), ELF);
    write(join(dir, 'app', 'server.js'), 'console.log(1)');
    expect(checkFolder(dir)).toEqual([]);
  });

  it('finds add-ons, gyp files and other executables for one architecture', () => {
    const dir = tempDir();
    write(join(dir, 'app', 'node_modules', 'a', 'a.node'), 'x');
    write(join(dir, 'app', 'node_modules', 'b', 'binding.gyp'), '{}');
    write(join(dir, 'app', 'node_modules', 'c', 'bin', 'tool'), ELF);
    expect(checkFolder(dir).map((p) => p.where).sort()).toEqual([
      join('app', 'node_modules', 'a', 'a.node'),
      join('app', 'node_modules', 'b', 'binding.gyp'),
      join('app', 'node_modules', 'c', 'bin', 'tool'),
    ]);
  });
});
