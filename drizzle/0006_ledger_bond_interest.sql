ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_origin_ck";--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "bond_payment_id" text;--> statement-breakpoint
CREATE INDEX "ledger_entries_bond_payment_idx" ON "ledger_entries" USING btree ("bond_payment_id");--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_origin_ck" CHECK ("ledger_entries"."origin" in ('manual', 'compensation', 'reversal', 'bond-interest'));