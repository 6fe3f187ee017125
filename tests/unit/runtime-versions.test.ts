import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import semver from 'semver';

/**
 * One answer to "which Node?": the supported runtime (the bundle's, the Dockerfile's, README, deployment guides) is
 * allowed by `engines`, and no installed package asks for a Node newer than the lowest one
 * `engines` allows — which is what `npm install` reports as EBADENGINE.
 */
const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const read = (path: string) => readFileSync(join(root, path), 'utf8');

function installedPackages(dir = join(root, 'node_modules')): { name: string; node: string }[] {
  const out: { name: string; node: string }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.name.startsWith('@')) {
      out.push(...installedPackages(path));
      continue;
    }
    let manifest: { name?: string; engines?: { node?: string } };
    try {
      manifest = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    if (manifest.engines?.node) out.push({ name: manifest.name ?? entry.name, node: manifest.engines.node });
    try {
      out.push(...installedPackages(join(path, 'node_modules')));
    } catch {
      // no nested node_modules
    }
  }
  return out;
}

describe('the supported Node version', () => {
  const lowest = semver.minVersion(pkg.engines.node)!.version;

  it('the bundle and the Dockerfile carry the Node version the README and the deployment guides name, and engines allows it', () => {
    // The offline bundle ships the runtime pinned in deploy/node-runtime.json; the image is built from the bundle.
    const runtime = (JSON.parse(read('deploy/node-runtime.json')) as { version: string }).version;
    const major = String(semver.major(runtime));
    const images = [...read('Dockerfile').matchAll(/^FROM (?:--platform=\S+ )?node:(\d+)/gm)].map((m) => m[1]);
    expect(images).toEqual([major]);
    expect(read('README.md')).toContain(`Node.js ${major} LTS`);
    expect(read('docs/deployment.md')).toContain(`Node.js ${major} LTS`);
    expect(read('deploy/README.md')).toContain(`Node.js ${major} LTS`);
    expect(semver.satisfies(`${major}.0.0`, pkg.engines.node)).toBe(true);
  });

  it(`no installed package needs a newer Node than the lowest engines allows (${lowest})`, () => {
    const needNewer = installedPackages()
      .filter((p) => semver.validRange(p.node) && !semver.satisfies(lowest, p.node))
      .map((p) => `${p.name} (${p.node})`);
    expect(needNewer).toEqual([]);
  });
});
