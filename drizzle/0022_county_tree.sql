CREATE TABLE "county_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"congress_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_packages" (
	"id" text PRIMARY KEY NOT NULL,
	"congress_id" text NOT NULL,
	"sha256" text NOT NULL,
	"source_congress_name" text NOT NULL,
	"session_title" text NOT NULL,
	"held_on" text,
	"key_fingerprint" text NOT NULL,
	"audit_head_seq" integer NOT NULL,
	"audit_head_hash" text NOT NULL,
	"summary" jsonb NOT NULL,
	"package" jsonb NOT NULL,
	"matches_online" boolean,
	"imported_by" text,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "template_adoptions" (
	"id" text PRIMARY KEY NOT NULL,
	"congress_id" text NOT NULL,
	"version_id" text NOT NULL,
	"parts" jsonb NOT NULL,
	"adopted_by" text,
	"adopted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "template_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"template_id" text NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"published_by" text,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "congresses" ADD COLUMN "parent_id" text;--> statement-breakpoint
ALTER TABLE "county_templates" ADD CONSTRAINT "county_templates_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_packages" ADD CONSTRAINT "session_packages_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_packages" ADD CONSTRAINT "session_packages_imported_by_accounts_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_adoptions" ADD CONSTRAINT "template_adoptions_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_adoptions" ADD CONSTRAINT "template_adoptions_version_id_template_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."template_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_adoptions" ADD CONSTRAINT "template_adoptions_adopted_by_accounts_id_fk" FOREIGN KEY ("adopted_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_versions" ADD CONSTRAINT "template_versions_template_id_county_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."county_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_versions" ADD CONSTRAINT "template_versions_published_by_accounts_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "county_templates_name" ON "county_templates" USING btree ("congress_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "session_packages_sha" ON "session_packages" USING btree ("congress_id","sha256");--> statement-breakpoint
CREATE INDEX "template_adoptions_congress" ON "template_adoptions" USING btree ("congress_id","adopted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "template_versions_version" ON "template_versions" USING btree ("template_id","version");--> statement-breakpoint
ALTER TABLE "congresses" ADD CONSTRAINT "congresses_parent_id_congresses_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."congresses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "congresses_parent_idx" ON "congresses" USING btree ("parent_id");