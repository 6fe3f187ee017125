import { describe, expect, it } from 'vitest';
import { fileProblem, fileRuleHint, formatFileSize, hasAcceptedExtension } from '../../src/ui/file-checks';

const MB = 1024 * 1024;
const LEDGER = { accept: '.pdf,.jpg,.jpeg,.png', typeLabel: 'PDF、JPG 或 PNG', maxBytes: 10 * MB };
const BOUNDARY = { accept: '.json,.geojson,.kml,.kmz,.zip,.txt', typeLabel: 'GeoJSON、KML/KMZ、Shapefile（zip）或部颁坐标文本（txt）', maxBytes: 20 * MB };

describe('file picker checks before sending', () => {
  it.each([
    ['凭证.PDF', true],
    ['发票.jpeg', true],
    ['扫描件.png.exe', false],
    ['合同.docx', false],
    ['pdf', false],
  ])('extension of %s accepted: %s', (name, accepted) => {
    expect(hasAcceptedExtension(name, LEDGER.accept)).toBe(accepted);
  });

  it('names the file and what is accepted when the type is wrong', () => {
    expect(fileProblem({ name: '地块.shp', size: 2048 }, BOUNDARY)).toBe(
      '文件「地块.shp」的类型不支持，请选择 GeoJSON、KML/KMZ、Shapefile（zip）或部颁坐标文本（txt） 文件',
    );
  });

  it('refuses an empty file and one over the limit, with enough decimals to see it is over', () => {
    expect(fileProblem({ name: '空.pdf', size: 0 }, LEDGER)).toBe('文件「空.pdf」是空文件');
    expect(fileProblem({ name: '大.pdf', size: 10 * MB + 1 }, LEDGER)).toBe('文件「大.pdf」大小 10.000001 MB，超过上限 10 MB');
    expect(fileProblem({ name: '大.zip', size: 25.4 * MB }, BOUNDARY)).toBe('文件「大.zip」大小 25.4 MB，超过上限 20 MB');
  });

  it('takes a file of an accepted type up to the limit', () => {
    expect(fileProblem({ name: '凭证.pdf', size: 10 * MB }, LEDGER)).toBeNull();
  });

  it('states the accepted types and the size limit', () => {
    expect(fileRuleHint(LEDGER)).toBe('支持 PDF、JPG 或 PNG，单个文件不超过 10 MB');
    expect(fileRuleHint({ ...BOUNDARY, maxBytes: 1.5 * MB })).toBe('支持 GeoJSON、KML/KMZ、Shapefile（zip）或部颁坐标文本（txt），单个文件不超过 1.5 MB');
  });

  it.each([
    [512, '512 B'],
    [12_800, '12.5 KB'],
    [3.25 * MB, '3.25 MB'],
    [12.34 * MB, '12.3 MB'],
  ])('size %s bytes reads %s', (bytes, text) => {
    expect(formatFileSize(bytes)).toBe(text);
  });
});
