import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { PageSkeleton } from '@/ui/kit/page-skeleton';

describe('PageSkeleton', () => {
  it('is a card of grey bars announced as loading', () => {
    const html = renderToStaticMarkup(<PageSkeleton rows={5} />);
    expect(html).toContain('data-testid="page-loading"');
    expect(html).toContain('aria-busy="true"');
    expect(html).toContain('正在加载');
    // A title bar and the rows asked for.
    expect(html.match(/lr-skeleton__row--title/g)).toHaveLength(1);
    expect(html.match(/class="lr-skeleton__row[" ]/g)).toHaveLength(6);
  });
});
