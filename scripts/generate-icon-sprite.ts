/**
 * Writes the icon sprite public/icons.svg and its versioned address src/ui/icon-sprite.ts from
 * the names in src/ui/icon-names.ts (drawings from tdesign-icons-react, see scripts/lib/icon-sprite.ts).
 *
 *   npm run icons
 *
 * Both files are committed; tests/unit/icon-sprite.test.ts fails while they are stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ICON_NAMES } from '../src/ui/icon-names';
import { buildIconSprite, iconSpriteModule } from './lib/icon-sprite';

const root = process.cwd();
const sprite = buildIconSprite(ICON_NAMES);
writeFileSync(join(root, 'public', 'icons.svg'), sprite.svg);
writeFileSync(join(root, 'src', 'ui', 'icon-sprite.ts'), iconSpriteModule(sprite));
console.log(`public/icons.svg：${ICON_NAMES.length} 个图标，${sprite.svg.length} 字节，版本 ${sprite.version}`);
