ALTER TABLE "accounts" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "congresses" ADD COLUMN "short_code" text;--> statement-breakpoint
ALTER TABLE "congresses" ADD CONSTRAINT "congresses_short_code_unique" UNIQUE("short_code");