CREATE TABLE "setting_confirmations" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"note" text NOT NULL,
	"confirmed_by" text,
	"confirmed_at" timestamp with time zone NOT NULL
);
