/**
 * Builds the SVG sprite (one `<symbol id="i-NAME">` per icon) from tdesign-icons-react's own
 * drawing data, as its components draw an outline icon by default: strokes in currentColor,
 * width 2, fills transparent (so the fill shapes are left out) and the overlap masks that keep
 * two strokes from darkening where they cross. Pure: no file access (scripts/generate-icon-sprite.ts
 * writes the result; tests/unit/icon-sprite.test.ts checks the committed files are current).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

interface IconNode {
  tag: string;
  attrs: Record<string, string>;
  children?: IconNode[];
}

type IconComponent = { render?: (props: object, ref: null) => { props: { icon: IconNode } } };

/** The values tdesign-icons-react gives its `props.*` placeholders when no colour or width is set. */
const DEFAULTS: Record<string, string> = {
  strokeWidth: '2',
  strokeColor1: 'currentColor',
  strokeColor2: 'currentColor',
  fillColor1: 'transparent',
  fillColor2: 'transparent',
  filledColor: 'currentColor',
};

/** React prop names in the drawing data and the SVG attributes they stand for. */
const ATTRIBUTE_NAMES: Record<string, string> = {
  strokeWidth: 'stroke-width',
  strokeLinecap: 'stroke-linecap',
  strokeLinejoin: 'stroke-linejoin',
  strokeMiterlimit: 'stroke-miterlimit',
  strokeDasharray: 'stroke-dasharray',
  strokeDashoffset: 'stroke-dashoffset',
  strokeOpacity: 'stroke-opacity',
  fillRule: 'fill-rule',
  fillOpacity: 'fill-opacity',
  clipRule: 'clip-rule',
  clipPath: 'clip-path',
  maskUnits: 'maskUnits',
  maskContentUnits: 'maskContentUnits',
};

const SHAPES = new Set(['path', 'circle', 'ellipse', 'rect', 'polygon', 'polyline', 'line']);

const pascal = (name: string) => name.split('-').map((s) => s[0].toUpperCase() + s.slice(1)).join('');

/** tdesign-icons-react's drawing of one icon (the `element` its component renders). */
export function iconDrawing(name: string): IconNode {
  const icons = createRequire(import.meta.url)('tdesign-icons-react') as Record<string, IconComponent>;
  const component = icons[`${pascal(name)}Icon`];
  if (!component?.render) throw new Error(`tdesign-icons-react 中没有图标 ${name}（${pascal(name)}Icon）`);
  return component.render({}, null).props.icon;
}

const escapeAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function maskId(icon: string, suffix: string): string {
  return `i-${icon}-${suffix}`;
}

function resolve(icon: string, value: string): string {
  if (!value.startsWith('props.')) return value;
  const key = value.slice('props.'.length);
  const mask = /^overlapMask(Id|Url)_(.+)$/.exec(key);
  if (mask) return mask[1] === 'Url' ? `url(#${maskId(icon, mask[2])})` : maskId(icon, mask[2]);
  const v = DEFAULTS[key];
  if (v === undefined) throw new Error(`图标 ${icon}：未知的占位值 ${value}`);
  return v;
}

function attributeName(icon: string, key: string): string {
  if (ATTRIBUTE_NAMES[key]) return ATTRIBUTE_NAMES[key];
  if (/[A-Z]/.test(key)) throw new Error(`图标 ${icon}：未处理的属性名 ${key}`);
  return key;
}

/** A node with resolved attributes, or null when it draws nothing (a transparent fill, an empty group). */
function prune(icon: string, node: IconNode, inDefs: boolean): IconNode | null {
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(node.attrs)) {
    // Ids only matter for masks; the drawing's ids ("stroke1", the icon name) repeat across icons.
    if (k === 'id' && node.tag !== 'mask') continue;
    attrs[attributeName(icon, k)] = resolve(icon, v);
  }
  if (!inDefs && SHAPES.has(node.tag)) {
    const fillShows = attrs.fill !== undefined && attrs.fill !== 'transparent' && attrs.fill !== 'none';
    const strokeShows = attrs.stroke !== undefined && attrs.stroke !== 'none' && attrs.stroke !== 'transparent';
    if (!fillShows && !strokeShows) return null;
    if (attrs.fill === 'transparent') delete attrs.fill;
  }
  const children = (node.children ?? []).map((c) => prune(icon, c, inDefs || node.tag === 'defs')).filter((c): c is IconNode => c !== null);
  if ((node.tag === 'g' || node.tag === 'defs') && children.length === 0) return null;
  return { tag: node.tag, attrs, children };
}

/** Mask ids a drawn (non-defs) node refers to. */
function referencedMasks(node: IconNode, out: Set<string>): Set<string> {
  if (node.tag === 'defs') return out;
  const m = /^url\(#(.+)\)$/.exec(node.attrs.mask ?? '');
  if (m) out.add(m[1]);
  for (const c of node.children ?? []) referencedMasks(c, out);
  return out;
}

function dropUnusedMasks(node: IconNode, used: Set<string>): IconNode | null {
  if (node.tag === 'mask' && !used.has(node.attrs.id)) return null;
  const children = (node.children ?? []).map((c) => dropUnusedMasks(c, used)).filter((c): c is IconNode => c !== null);
  if (node.tag === 'defs' && children.length === 0) return null;
  return { ...node, children };
}

function serialize(node: IconNode): string {
  const attrs = Object.entries(node.attrs)
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join('');
  const children = (node.children ?? []).map(serialize).join('');
  // A group without attributes changes nothing: keep its children only.
  if (node.tag === 'g' && !attrs) return children;
  return children ? `<${node.tag}${attrs}>${children}</${node.tag}>` : `<${node.tag}${attrs}/>`;
}

/** One icon as a `<symbol>`: the drawing's viewBox, `fill="none"` like the component's svg. */
export function iconSymbol(name: string): string {
  const drawing = iconDrawing(name);
  const pruned = prune(name, { tag: 'g', attrs: {}, children: drawing.children }, false);
  if (!pruned) throw new Error(`图标 ${name} 没有可见的内容`);
  const cleaned = dropUnusedMasks(pruned, referencedMasks(pruned, new Set()));
  const body = (cleaned?.children ?? []).map(serialize).join('');
  return `<symbol id="i-${name}" viewBox="${escapeAttr(drawing.attrs.viewBox ?? '0 0 24 24')}" fill="none">${body}</symbol>`;
}

export interface IconSprite {
  svg: string;
  /** Short content hash: the sprite's address carries it, so a changed sprite is fetched anew. */
  version: string;
}

export function buildIconSprite(names: readonly string[]): IconSprite {
  const unique = [...new Set(names)];
  if (unique.length !== names.length) throw new Error('图标名称重复');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg">${unique.map(iconSymbol).join('')}</svg>\n`;
  return { svg, version: createHash('sha256').update(svg).digest('hex').slice(0, 10) };
}

/** The generated module that tells the Icon component where the sprite is. */
export function iconSpriteModule(sprite: IconSprite): string {
  return [
    '// Generated by scripts/generate-icon-sprite.ts (`npm run icons`) from src/ui/icon-names.ts: do not edit.',
    '/** The sprite public/icons.svg, versioned by its content so browsers may keep it. */',
    `export const ICON_SPRITE_URL = '/icons.svg?v=${sprite.version}';`,
    '',
  ].join('\n');
}
