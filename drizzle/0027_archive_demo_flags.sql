ALTER TABLE "archive_pending" ADD COLUMN "is_demo" boolean DEFAULT false NOT NULL;
