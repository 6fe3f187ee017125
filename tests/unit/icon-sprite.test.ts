import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { buildIconSprite, iconSpriteModule, iconSymbol } from '../../scripts/lib/icon-sprite';
import { Icon } from '../../src/ui/icon';
import { ICON_NAMES } from '../../src/ui/icon-names';
import { ICON_SPRITE_URL } from '../../src/ui/icon-sprite';
import { NAVIGATION, flattenNavigation } from '../../src/ui/navigation';

describe('icon sprite', () => {
  it('is current: public/icons.svg and its address match the names (run `npm run icons` after changing them)', () => {
    const sprite = buildIconSprite(ICON_NAMES);
    expect(readFileSync('public/icons.svg', 'utf8')).toBe(sprite.svg);
    expect(readFileSync('src/ui/icon-sprite.ts', 'utf8')).toBe(iconSpriteModule(sprite));
    expect(ICON_SPRITE_URL).toBe(`/icons.svg?v=${sprite.version}`);
  });

  it('holds one symbol per name, and every menu icon is among them', () => {
    const svg = readFileSync('public/icons.svg', 'utf8');
    const ids = [...svg.matchAll(/<symbol id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(ICON_NAMES.map((n) => `i-${n}`));
    const menuIcons = [...NAVIGATION, ...NAVIGATION.flatMap((n) => n.children ?? []), ...flattenNavigation(NAVIGATION)].flatMap((n) => (n.icon ? [n.icon] : []));
    for (const icon of menuIcons) expect(ICON_NAMES).toContain(icon);
  });

  it('draws as tdesign-icons-react does by default: strokes in currentColor, no invisible fills, masks it refers to', () => {
    const money = iconSymbol('money');
    expect(money).toMatch(/^<symbol id="i-money" viewBox="0 0 24 24" fill="none">/);
    expect(money).toContain('stroke="currentColor"');
    expect(money).toContain('stroke-width="2"');
    expect(money).not.toContain('transparent');
    expect(money).not.toMatch(/props\./);
    // The overlap mask keeps crossing strokes from darkening; it is referenced and defined once.
    expect(money).toContain('mask="url(#i-money-stroke2)"');
    expect(money.match(/<mask id="i-money-stroke2"/g)).toHaveLength(1);
    // Filled icons fill with the text colour.
    expect(iconSymbol('check-circle-filled')).toContain('fill="currentColor"');
    // Every mask reference in the sprite resolves inside its own symbol.
    for (const name of ICON_NAMES) {
      const s = iconSymbol(name);
      for (const [, id] of s.matchAll(/url\(#([^)]+)\)/g)) expect(s).toContain(`<mask id="${id}"`);
    }
  });

  it('refuses a name tdesign-icons-react does not have', () => {
    expect(() => iconSymbol('no-such-icon')).toThrow(/没有图标/);
    expect(() => buildIconSprite(['money', 'money'])).toThrow(/重复/);
  });
});

describe('Icon', () => {
  it('is a TDesign-classed 1em svg using the sprite', () => {
    const html = renderToStaticMarkup(createElement(Icon, { name: 'money' }));
    expect(html).toBe(
      `<svg class="t-icon t-icon-money" width="1em" height="1em" fill="none" aria-hidden="true"><use href="${ICON_SPRITE_URL}#i-money"></use></svg>`,
    );
    expect(html.length).toBeLessThan(160);
  });

  it('takes TDesign sizes, CSS sizes, classes and a readable title', () => {
    expect(renderToStaticMarkup(createElement(Icon, { name: 'add', size: 'large' }))).toContain('class="t-icon t-icon-add t-size-l"');
    expect(renderToStaticMarkup(createElement(Icon, { name: 'add', size: 20 }))).toContain('style="font-size:20px"');
    expect(renderToStaticMarkup(createElement(Icon, { name: 'add', size: '2em', className: 'x' }))).toMatch(/class="t-icon t-icon-add x".*style="font-size:2em"/);
    const titled = renderToStaticMarkup(createElement(Icon, { name: 'logout', title: '退出' }));
    expect(titled).toContain('role="img"');
    expect(titled).toContain('<title>退出</title>');
    expect(titled).not.toContain('aria-hidden');
  });
});
