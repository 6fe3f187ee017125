ALTER TABLE "roles" ADD COLUMN "requires_totp" boolean DEFAULT false NOT NULL;--> statement-breakpoint
UPDATE "roles" SET "requires_totp" = true WHERE "builtin" = true AND "code" IN ('sysadmin', 'secadmin', 'auditadmin', 'leader');--> statement-breakpoint
CREATE TABLE "user_totp" (
	"user_id" text PRIMARY KEY NOT NULL,
	"secret_enc" text NOT NULL,
	"algorithm" text NOT NULL,
	"last_step" bigint,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "user_totp_algorithm_ck" CHECK ("user_totp"."algorithm" in ('SHA1', 'SM3'))
);
--> statement-breakpoint
ALTER TABLE "user_totp" ADD CONSTRAINT "user_totp_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
