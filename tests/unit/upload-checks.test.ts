import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBoundaryFile } from '../../src/platform/geo/import';
import { MAX_ZIP_ENTRIES } from '../../src/platform/geo/import/zip';
import { photoProblem } from '../../src/platform/storage/image-types';
import { documentProblem } from '../../src/platform/storage/document-types';
import { ledgerFileProblem } from '../../src/modules/funds/ledger/files-rules';
import { putFile, storedFilePath } from '../../src/platform/storage/file-store';
import { resetConfigCache } from '../../src/platform/config';
import { zipFiles } from '../fixtures/geo-import/shapefile-writer';

const MB = 1024 * 1024;
const parse = (name: string, bytes: Uint8Array) => parseBoundaryFile(name, bytes, { maxBytes: 20 * MB });
const utf8 = (text: string) => new TextEncoder().encode(text);
/** A Windows program: "MZ", a DOS stub, "PE\0\0". */
const exe = (() => {
  const bytes = new Uint8Array(2048);
  bytes.set([0x4d, 0x5a, 0x90, 0x00, 0x03]);
  bytes.set(utf8('This program cannot be run in DOS mode.'), 0x4e);
  bytes.set([0x50, 0x45, 0x00, 0x00], 0x80);
  return bytes;
})();
const geojson = utf8('{"type":"FeatureCollection","features":[]}');
const kml = utf8('<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document></Document></kml>');

async function problem(name: string, bytes: Uint8Array): Promise<string> {
  const result = await parse(name, bytes);
  expect(result.features).toEqual([]);
  expect(result.problems).toHaveLength(1);
  return result.problems[0].message;
}

describe('Web 防护: 上传 — boundary files checked by size, extension and content', () => {
  it('Web 防护: 上传 — a disguised .exe is refused under every name', async () => {
    expect(await problem('地块.exe', exe)).toBe('不支持的文件类型「.exe」，请上传 GeoJSON（.geojson、.json）、KML（.kml、.kmz）、Shapefile（打包为 .zip）或部颁坐标文本（.txt）');
    expect(await problem('地块.zip', exe)).toBe('文件「.zip」的内容不是 zip 压缩包（按文件内容识别，改扩展名无效），请重新打包后上传');
    expect(await problem('地块.kmz', exe)).toBe('文件「.kmz」的内容不是 zip 压缩包（按文件内容识别，改扩展名无效），请重新打包后上传');
    for (const name of ['地块.geojson', '地块.json', '地块.kml', '地块.txt', '地块']) {
      expect(await problem(name, exe)).toBe('无法识别的文件格式，请上传 GeoJSON、KML、Shapefile（zip）或部颁坐标文本');
    }
  });

  it('Web 防护: 上传 — content that is another format than the extension says is refused', async () => {
    expect(await problem('地块.kml', geojson)).toBe('文件内容与扩展名不符：扩展名是「.kml」，内容却是GeoJSON（JSON），请检查文件后重新上传');
    expect(await problem('地块.geojson', kml)).toBe('文件内容与扩展名不符：扩展名是「.geojson」，内容却是KML（XML），请检查文件后重新上传');
    expect(await problem('地块.geojson', zipFiles({ 'a.txt': 'x' }))).toBe('文件的扩展名是「.geojson」，内容却是 zip 压缩包，请把扩展名改为 .zip（Shapefile）或 .kmz 后重新上传');
    expect(await problem('地块.pdf', geojson)).toMatch(/^不支持的文件类型「\.pdf」/);
    // Matching pairs and names without an extension pass the check (the readers take over).
    expect(await problem('地块.geojson', geojson)).toBe('文件中没有任何面状地块');
    expect(await problem('地块', geojson)).toBe('文件中没有任何面状地块');
    expect((await parse('地块.kml', kml)).format).toBe('kml');
  });

  it('Web 防护: 上传 — zip limits: ../ and absolute paths, entry count, compression ratio', async () => {
    expect(await problem('a.zip', zipFiles({ '../../etc/地块.shp': 'x', '地块.dbf': 'y' }))).toBe('压缩包中含有不安全的文件路径「../../etc/地块.shp」，已拒绝处理');
    expect(await problem('a.zip', zipFiles({ 'ok/../../x.kml': 'x' }))).toMatch(/^压缩包中含有不安全的文件路径/);
    expect(await problem('a.zip', zipFiles({ '/abs/doc.kml': 'x' }))).toMatch(/^压缩包中含有不安全的文件路径「\/abs\/doc\.kml」/);
    expect(await problem('a.zip', zipFiles({ 'C:/doc.kml': 'x' }))).toMatch(/^压缩包中含有不安全的文件路径/);
    const many = Object.fromEntries(Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, i) => [`f${i}.txt`, 'x']));
    expect(await problem('a.zip', zipFiles(many))).toBe(`压缩包中的文件过多（${MAX_ZIP_ENTRIES + 1} 个，最多 ${MAX_ZIP_ENTRIES} 个），已拒绝处理`);
    // 3 MB of spaces deflate about 1000:1: within the size budget (10 × 20 MB), refused by ratio.
    const bomb = zipFiles({ 'doc.kml': new Uint8Array(3 * MB).fill(0x20) });
    expect(bomb.length).toBeLessThan(10_000);
    expect(await problem('a.kmz', bomb)).toBe('压缩包中的 doc.kml 压缩比异常（超过 500 倍），疑似压缩炸弹，已拒绝处理');
  });

  it('Web 防护: 上传 — oversized files are refused unread', async () => {
    const result = await parseBoundaryFile('a.geojson', new Uint8Array(2 * MB), { maxBytes: MB });
    expect(result.problems).toEqual([{ index: null, message: '文件大小 2.0 MB 超过上限 1 MB' }]);
  });
});

describe('Web 防护: 上传 — photos, event documents and ledger files: extension and content', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
  const pdf = utf8('%PDF-1.7\n%%EOF');
  it('Web 防护: 上传 — an accepted content under a foreign extension, and a program under an accepted one, are refused', () => {
    expect(photoProblem('现场.exe', png)).toBe('照片「现场.exe」的扩展名「.exe」不受支持，请上传 JPG、PNG 或 WebP');
    expect(photoProblem('现场.jpg', exe)).toBe('照片「现场.jpg」不是 JPG、PNG 或 WebP 图片（按文件内容识别，改扩展名无效）');
    expect(photoProblem('现场.png', png)).toBeNull();
    expect(documentProblem('批复.pdf.exe', pdf)).toBe('文件「批复.pdf.exe」的扩展名「.exe」不受支持，请上传 PDF、JPG、PNG 或 WebP');
    expect(documentProblem('批复.pdf', exe)).toMatch(/不是 PDF、JPG、PNG 或 WebP（按文件内容识别/);
    expect(documentProblem('批复.PDF', pdf)).toBeNull();
    expect(ledgerFileProblem('凭证.html', pdf)).toBe('文件「凭证.html」的扩展名「.html」不受支持，请上传 PDF、JPG 或 PNG');
    expect(ledgerFileProblem('凭证.pdf', exe)).toMatch(/不是 PDF、JPG 或 PNG/);
    expect(ledgerFileProblem('凭证', pdf)).toBeNull();
  });
});

describe('Web 防护: 上传 — temporary files removed on success and on failure', () => {
  let dir: string;
  const saved = process.env.DATA_DIR;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lr-upload-'));
    process.env.DATA_DIR = dir;
    resetConfigCache();
  });
  afterAll(() => {
    process.env.DATA_DIR = saved;
    resetConfigCache();
    rmSync(dir, { recursive: true, force: true });
  });
  const tmpLeft = (sub: string) => readdirSync(join(dir, 'files', sub)).filter((n) => n.endsWith('.tmp'));

  it('Web 防护: 上传 — a stored file leaves no temporary file; a failed store removes its temporary file', async () => {
    const ok = await putFile(utf8('收储批复扫描件'));
    expect(ok.created).toBe(true);
    expect(tmpLeft(ok.sm3.slice(0, 2))).toEqual([]);
    // Make the final rename fail: a non-empty directory stands where the file should go.
    const bytes = utf8('另一份文件内容');
    const { sm3Hex } = await import('../../src/platform/crypto/sm');
    const digest = sm3Hex(Buffer.from(bytes));
    mkdirSync(join(storedFilePath(digest), 'blocker'), { recursive: true });
    await expect(putFile(bytes)).rejects.toThrow();
    expect(tmpLeft(digest.slice(0, 2))).toEqual([]);
  });
});
