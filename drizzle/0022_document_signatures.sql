CREATE TABLE "signer_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"public_key_pem" text NOT NULL,
	"private_key_enc" text NOT NULL,
	"fingerprint" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text
);
--> statement-breakpoint
ALTER TABLE "signer_keys" ADD CONSTRAINT "signer_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "signer_keys_fingerprint_uq" ON "signer_keys" USING btree ("fingerprint");--> statement-breakpoint
-- One active key per user: a partial unique index (allowed on openGauss and KingbaseES, COMPAT.md).
CREATE UNIQUE INDEX "signer_keys_active_uq" ON "signer_keys" USING btree ("user_id") WHERE "revoked_at" is null;--> statement-breakpoint
CREATE INDEX "signer_keys_user_idx" ON "signer_keys" USING btree ("user_id");--> statement-breakpoint
CREATE TABLE "document_signatures" (
	"id" text PRIMARY KEY NOT NULL,
	"document_id" text NOT NULL,
	"payload" text NOT NULL,
	"signature" text NOT NULL,
	"signer_id" text NOT NULL,
	"signer_name" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"signer_key_id" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "document_signatures" ADD CONSTRAINT "document_signatures_signer_id_users_id_fk" FOREIGN KEY ("signer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_signatures" ADD CONSTRAINT "document_signatures_signer_key_id_signer_keys_id_fk" FOREIGN KEY ("signer_key_id") REFERENCES "public"."signer_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_signatures_document_idx" ON "document_signatures" USING btree ("document_id","signed_at");
