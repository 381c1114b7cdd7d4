CREATE TABLE "hotline_imports" (
	"id" text PRIMARY KEY NOT NULL,
	"congress_id" text NOT NULL,
	"imported_by" text,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"filename" text DEFAULT '' NOT NULL,
	"format" text NOT NULL,
	"sha256" text NOT NULL,
	"rows" integer NOT NULL,
	"created" integer NOT NULL,
	"updated" integer NOT NULL,
	"unchanged" integer NOT NULL,
	"skipped" integer NOT NULL,
	"representatives" integer DEFAULT 0 NOT NULL,
	"unsatisfied" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hotline_mappings" (
	"congress_id" text PRIMARY KEY NOT NULL,
	"columns" jsonb NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hotline_imports" ADD CONSTRAINT "hotline_imports_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hotline_imports" ADD CONSTRAINT "hotline_imports_imported_by_accounts_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hotline_mappings" ADD CONSTRAINT "hotline_mappings_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hotline_mappings" ADD CONSTRAINT "hotline_mappings_updated_by_accounts_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hotline_imports_congress" ON "hotline_imports" USING btree ("congress_id","imported_at");