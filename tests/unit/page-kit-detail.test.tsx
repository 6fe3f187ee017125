import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { KitAlert } from '../../src/ui/kit/alert';
import { DescList } from '../../src/ui/kit/desc-list';
import { KitProgress } from '../../src/ui/kit/progress';
import { KitStat } from '../../src/ui/kit/stat';
import { KitTimeline } from '../../src/ui/kit/timeline';

describe('KitAlert', () => {
  it('draws TDesign’s alert of the theme, with its title and message; warnings are announced', () => {
    const html = renderToStaticMarkup(
      <KitAlert theme="warning" title="预警" testId="w">
        地块超期
      </KitAlert>,
    );
    expect(html).toContain('class="t-alert t-alert--warning lr-alert"');
    expect(html).toContain('role="alert"');
    expect(html).toContain('<div class="t-alert__title">预警</div>');
    expect(html).toContain('<div class="t-alert__description">地块超期</div>');
    expect(html).toContain('data-testid="w"');
  });

  it('is an info status by default, without a title', () => {
    const html = renderToStaticMarkup(<KitAlert>本项目已关闭</KitAlert>);
    expect(html).toContain('t-alert--info');
    expect(html).toContain('role="status"');
    expect(html).not.toContain('t-alert__title');
  });
});

describe('KitProgress', () => {
  it('clamps the bar to 0–100 and shows the label given (over 100%, no target)', () => {
    const over = renderToStaticMarkup(<KitProgress percent={130} label="130%" status="warning" />);
    expect(over).toContain('style="width:100%"');
    expect(over).toContain('t-progress--status--warning');
    expect(over).toContain('<div class="t-progress__info">130%</div>');
    const none = renderToStaticMarkup(<KitProgress percent={-5} label="未设目标" />);
    expect(none).toContain('style="width:0%"');
    expect(none).toContain('未设目标');
    expect(none).not.toContain('t-progress--status');
  });

  it('labels itself with the percentage when no label is given', () => {
    expect(renderToStaticMarkup(<KitProgress percent={42} />)).toContain('<div class="t-progress__info">42%</div>');
  });
});

describe('KitStat', () => {
  it('shows the value as given, its unit and note', () => {
    const html = renderToStaticMarkup(<KitStat title="总面积" value="1,012.54" unit="亩" note="675,027.35 平方米" />);
    expect(html).toContain('<div class="lr-stat__title">总面积</div>');
    expect(html).toContain('1,012.54<span class="lr-stat__unit">亩</span>');
    expect(html).toContain('<div class="lr-stat__note">675,027.35 平方米</div>');
  });

  it('leaves out what is not given', () => {
    const html = renderToStaticMarkup(<KitStat title="地块数" value="17" />);
    expect(html).not.toContain('lr-stat__unit');
    expect(html).not.toContain('lr-stat__note');
  });
});

describe('DescList labelWidth', () => {
  it('fixes each label column’s width and lets the values share the rest', () => {
    const html = renderToStaticMarkup(<DescList column={2} labelWidth={180} items={[{ label: '甲', content: '1' }, { label: '乙', content: '2' }]} />);
    expect(html).toContain('<colgroup><col style="width:180px"/><col/><col style="width:180px"/><col/></colgroup>');
  });

  it('without it, draws no column widths (as before)', () => {
    expect(renderToStaticMarkup(<DescList items={[{ label: '甲', content: '1' }]} />)).not.toContain('colgroup');
  });
});

describe('KitTimeline', () => {
  it('widens the label column for date-and-time labels, keeps TDesign’s for dates', () => {
    const dated = renderToStaticMarkup(<KitTimeline items={[{ key: 'a', label: '2026-01-02', content: '入库' }]} />);
    expect(dated).not.toContain('lr-timeline-wide');
    expect(dated).not.toContain('--lr-timeline-label');
    const timed = renderToStaticMarkup(<KitTimeline items={[{ key: 'a', label: '2026-12-08 02:38:18', content: '签发' }]} />);
    expect(timed).toContain('t-timeline-label--alternate lr-timeline-wide');
    expect(timed).toContain('style="--lr-timeline-label:168px"');
  });
  it('draws TDesign’s timeline: labels on the left, coloured dots, the last item marked', () => {
    const html = renderToStaticMarkup(
      <KitTimeline
        testId="t"
        items={[
          { key: 'a', label: '2026-01-02', color: '#2ba471', content: '入库' },
          { key: 'b', label: '2026-01-01', content: '登记' },
        ]}
      />,
    );
    expect(html).toContain('class="t-timeline t-timeline-left t-timeline-vertical t-timeline-label t-timeline-label--alternate"');
    expect(html).toContain('<div class="t-timeline-item__label t-timeline-item__label--alternate">2026-01-02</div>');
    expect(html).toContain('style="border-color:#2ba471"');
    expect(html).toContain('t-timeline-item__dot t-timeline-item__dot--primary');
    expect(html.match(/t-timeline-item--last/g)).toHaveLength(1);
    expect(html.indexOf('入库')).toBeLessThan(html.indexOf('登记'));
  });
});
