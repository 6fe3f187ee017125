-- Fund sources follow the four channels of 财综〔2018〕8号: 土地出让收入安排, 国有土地收益基金,
-- 专项债券资金, 其他财政资金. The old 财政拨款 and 其他 sources are other fiscal funds approved by
-- 财政; income categories are renamed after their channel.
INSERT INTO "fund_sources" ("code", "name", "sort_order", "note") VALUES ('land_fund', '国有土地收益基金', 2, '财政部门从国有土地收益基金中安排用于土地储备的资金');--> statement-breakpoint
INSERT INTO "fund_sources" ("code", "name", "sort_order", "note") VALUES ('other_fiscal', '其他财政资金', 4, '经财政部门批准可用于土地储备的其他财政资金');--> statement-breakpoint
UPDATE "fund_sources" SET "name" = '土地出让收入安排', "sort_order" = 1, "note" = '财政部门从已供应储备土地产生的土地出让收入中安排给土地储备机构的征地拆迁补偿、土地开发等费用' WHERE "code" = 'land_income';--> statement-breakpoint
UPDATE "fund_sources" SET "name" = '专项债券资金', "sort_order" = 3, "note" = '发行地方政府债券（土地储备专项债券）筹集的土地储备资金' WHERE "code" = 'bond';--> statement-breakpoint
UPDATE "fund_accounts" SET "source_code" = 'other_fiscal' WHERE "source_code" IN ('fiscal', 'other');--> statement-breakpoint
UPDATE "ledger_entries" SET "source_code" = 'other_fiscal' WHERE "source_code" IN ('fiscal', 'other');--> statement-breakpoint
UPDATE "ledger_entries" SET "category" = '土地出让收入安排' WHERE "direction" = 'income' AND "category" = '出让收入返还';--> statement-breakpoint
UPDATE "ledger_entries" SET "category" = '其他财政资金' WHERE "direction" = 'income' AND "category" = '财政拨款';--> statement-breakpoint
UPDATE "ledger_entries" SET "category" = CASE "source_code" WHEN 'land_income' THEN '土地出让收入安排' WHEN 'bond' THEN '专项债券资金' ELSE '其他财政资金' END WHERE "direction" = 'income' AND "category" = '其他收入';--> statement-breakpoint
DELETE FROM "fund_sources" WHERE "code" IN ('fiscal', 'other');
