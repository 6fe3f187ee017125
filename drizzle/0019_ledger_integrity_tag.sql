ALTER TABLE "ledger_entries" ADD COLUMN "integrity_tag" text;--> statement-breakpoint
-- Entries approved before integrity tags: the key lives outside the database, so they are only
-- marked here and tagged once by `npm run ledger:tag` (deploy/upgrade.sh runs it after migrating).
UPDATE "ledger_entries" SET "integrity_tag" = 'pending' WHERE "status" = 'approved';
