/**
 * Reads a .docx back: the text of its paragraphs in document order (tables included), for the
 * renderer's tests and the e2e that downloads a 发文. Unzips with fflate, parses with xmldom.
 */
import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom';
import { strFromU8, unzipSync } from 'fflate';

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

function toBytes(buf: Uint8Array | ArrayBuffer): Uint8Array {
  return buf instanceof Uint8Array ? buf : new Uint8Array(buf);
}

/** The XML of one part of the package (e.g. `word/document.xml`, `word/footer1.xml`); throws if absent. */
export function readDocxPart(buf: Uint8Array | ArrayBuffer, part = 'word/document.xml'): string {
  const files = unzipSync(toBytes(buf), { filter: (f) => f.name === part });
  const data = files[part];
  if (!data) throw new Error(`不是有效的 Word 文档：缺少 ${part}`);
  return strFromU8(data);
}

/** The names of the parts in the package. */
export function listDocxParts(buf: Uint8Array | ArrayBuffer): string[] {
  return Object.keys(unzipSync(toBytes(buf), { filter: () => true }));
}

function parseXml(xml: string, part: string) {
  const errors: string[] = [];
  const dom = new DOMParser({
    onError: (level, msg) => {
      if (level !== 'warning') errors.push(msg);
    },
  }).parseFromString(xml, 'text/xml');
  if (errors.length) throw new Error(`${part} 不是格式正确的 XML：${errors[0]}`);
  return dom;
}

/** The nearest enclosing w:p of a node (a text box inside a paragraph holds paragraphs of its own). */
function owningParagraph(node: XmlElement): XmlElement | null {
  let p = node.parentNode as XmlElement | null;
  while (p && !(p.namespaceURI === W_NS && p.localName === 'p')) p = p.parentNode as XmlElement | null;
  return p;
}

/**
 * The text of every w:p of a part in document order: w:t as written, w:tab as a tab, w:br / w:cr
 * as a line break; empty paragraphs included (as ''). Fields show their cached result only.
 */
export function readDocxText(buf: Uint8Array | ArrayBuffer, part = 'word/document.xml'): string[] {
  const dom = parseXml(readDocxPart(buf, part), part);
  const paragraphs = Array.from(dom.getElementsByTagNameNS(W_NS, 'p'));
  const text = new Map<XmlElement, string>(paragraphs.map((p) => [p, '']));
  for (const node of Array.from(dom.getElementsByTagNameNS(W_NS, '*'))) {
    const piece = node.localName === 't' ? (node.textContent ?? '') : node.localName === 'tab' && node.parentNode?.localName === 'r' ? '\t' : node.localName === 'br' || node.localName === 'cr' ? '\n' : null;
    if (piece === null) continue;
    const p = owningParagraph(node);
    if (p) text.set(p, text.get(p) + piece);
  }
  return paragraphs.map((p) => text.get(p)!);
}
