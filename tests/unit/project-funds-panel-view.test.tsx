import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ProjectBalanceRow, ProjectCash } from '../../src/modules/funds/balances/queries';
import { ProjectFundsPanelView } from '../../src/modules/funds/components/project-funds-panel-view';

const balance: ProjectBalanceRow = {
  projectId: 'P1',
  code: 'YY-2026-003',
  name: '测试项目',
  status: 'active',
  expectedIncome: '3054331700.00',
  lifeBudget: '332650000.00',
  received: '4600000.00',
  spent: '4528459.99',
  committed: '45195600.00',
  outstanding: '40738100.00',
  balance: '71540.01',
  executionRate: '1.36',
  annualBudget: null,
  annualRate: null,
};

const cash: ProjectCash = {
  projectId: 'P1',
  code: 'YY-2026-003',
  name: '测试项目',
  status: 'active',
  expectedIncome: '3054331700.00',
  lifeBudget: '332650000.00',
  financing: { budget: '17260000.00', booked: '0.00', futureBondInterest: '0.00', known: '0.00' },
  yearly: [
    { year: 2025, ownIncome: '1000000.00', otherIncome: '0.00', expense: '400000.00', principal: '0.00', net: '600000.00', cumulative: '600000.00', negative: false, bridged: '0.00' },
    { year: 2026, ownIncome: '0.00', otherIncome: '4600000.00', expense: '4128459.99', principal: '100000.00', net: '-4228459.99', cumulative: '-3628459.99', negative: true, bridged: '4600000.00' },
  ],
  check: { lifeOk: true, cashOk: false, firstNegativeYear: 2026, financing: '17260000.00', financingAboveBudget: false, spending: '332650000.00', messages: ['2026 年末项目自身资金累计为负'] },
};

describe('ProjectFundsPanelView', () => {
  const html = renderToStaticMarkup(<ProjectFundsPanelView balance={balance} cash={cash} />);

  it('is server markup in TDesign’s look: a card, the kit’s table, alerts — no client table', () => {
    expect(html).toContain('class="t-card lr-card"');
    expect(html).toContain('data-testid="project-funds-panel"');
    expect(html).toContain('lr-table');
    expect(html).toContain('t-alert t-alert--warning');
    // Server components: neither view is a client module nor imports TDesign's components.
    for (const file of ['project-funds-panel-view.tsx', 'project-bonds-panel-view.tsx']) {
      const source = readFileSync(`src/modules/funds/components/${file}`, 'utf8');
      expect(source, file).not.toMatch(/^['"]use client['"]/m);
      expect(source, file).not.toMatch(/from 'tdesign-react/);
    }
  });

  it('states 万元 once for the card; figures in 万元 with the exact 元 in their tooltips', () => {
    expect(html.match(/金额单位：万元/g)).toHaveLength(1);
    expect(html).not.toMatch(/<th[^>]*title="[^"]*（万?元）/);
    const spent = html.slice(html.indexOf('data-testid="project-funds-spent"'));
    expect(spent).toMatch(/^[^]*?title="4,528,459\.99 元"[^>]*>452\.85</);
    expect(html).toContain('1.36%');
  });

  it('has a totals row under the yearly columns: the sums of the years, no sum of the running total', () => {
    const foot = html.slice(html.indexOf('<tfoot'), html.indexOf('</tfoot>'));
    const cells = [...foot.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
    // 年度, 自身收入, 支出, 偿还债券本金, 自身收支净额, 年末累计, 其他财政资金, 年度平衡
    expect(cells).toEqual(['合计', '100.00', '452.85', '10.00', '-362.85', '', '460.00', '']);
  });

  it('marks the year with a gap', () => {
    const rows = html.slice(html.indexOf('<tbody'), html.indexOf('</tbody>')).split('</tr>');
    expect(rows[0]).toContain('平衡');
    expect(rows[1]).toContain('lr-row--warning');
    expect(rows[1]).toContain('出现缺口');
    expect(rows[1]).toContain('<span class="lr-neg">-422.85</span>');
  });
});
