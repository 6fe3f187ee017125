ALTER TABLE "ledger_entries" ADD COLUMN "integrity_tag" text;--> statement-breakpoint
-- Entries approved before integrity tags: the key lives outside the database, so they are only
-- marked here and tagged by the migrate job in the run that applies this migration (scripts/lib/prepare.ts).
UPDATE "ledger_entries" SET "integrity_tag" = 'pending' WHERE "status" = 'approved';
