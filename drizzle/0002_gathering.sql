CREATE TABLE "attachments" (
	"id" text PRIMARY KEY NOT NULL,
	"proposal_id" text NOT NULL,
	"filename" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "candidate_list_items" (
	"list_id" text NOT NULL,
	"candidate_id" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "candidate_lists" (
	"id" text PRIMARY KEY NOT NULL,
	"congress_id" text NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"seats" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"supersedes_id" text,
	"frozen_at" timestamp with time zone,
	"frozen_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "candidates" (
	"id" text PRIMARY KEY NOT NULL,
	"congress_id" text NOT NULL,
	"year" integer NOT NULL,
	"proposal_id" text NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"lead_department_id" text NOT NULL,
	"co_department_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"planned_investment" numeric(14, 2) NOT NULL,
	"funding_source" text NOT NULL,
	"planned_completion" date NOT NULL,
	"expected_outcome" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "candidates_proposal_id_unique" UNIQUE("proposal_id")
);
--> statement-breakpoint
CREATE TABLE "collection_windows" (
	"id" text PRIMARY KEY NOT NULL,
	"congress_id" text NOT NULL,
	"year" integer NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" text PRIMARY KEY NOT NULL,
	"congress_id" text NOT NULL,
	"window_id" text NOT NULL,
	"year" integer NOT NULL,
	"tracking_code" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"category" text NOT NULL,
	"location" text NOT NULL,
	"estimated_investment" numeric(14, 2),
	"beneficiaries" text DEFAULT '' NOT NULL,
	"channel" text NOT NULL,
	"station" text DEFAULT '' NOT NULL,
	"submitter_name" text DEFAULT '' NOT NULL,
	"submitter_contact" text DEFAULT '' NOT NULL,
	"submitted_by" text,
	"status" text DEFAULT 'submitted' NOT NULL,
	"decision_reason" text DEFAULT '' NOT NULL,
	"merged_into_id" text,
	"checks" jsonb,
	"screened_at" timestamp with time zone,
	"screened_by" text,
	"revived_from_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposals_tracking_code_unique" UNIQUE("tracking_code")
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_list_items" ADD CONSTRAINT "candidate_list_items_list_id_candidate_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."candidate_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_list_items" ADD CONSTRAINT "candidate_list_items_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_lists" ADD CONSTRAINT "candidate_lists_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_lead_department_id_departments_id_fk" FOREIGN KEY ("lead_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collection_windows" ADD CONSTRAINT "collection_windows_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_window_id_collection_windows_id_fk" FOREIGN KEY ("window_id") REFERENCES "public"."collection_windows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_submitted_by_accounts_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_screened_by_accounts_id_fk" FOREIGN KEY ("screened_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_proposal" ON "attachments" USING btree ("proposal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "candidate_list_items_pos" ON "candidate_list_items" USING btree ("list_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "candidate_list_items_cand" ON "candidate_list_items" USING btree ("list_id","candidate_id");--> statement-breakpoint
CREATE INDEX "candidates_congress_year" ON "candidates" USING btree ("congress_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "collection_windows_year" ON "collection_windows" USING btree ("congress_id","year");--> statement-breakpoint
CREATE INDEX "proposals_congress_year" ON "proposals" USING btree ("congress_id","year","status");--> statement-breakpoint
CREATE INDEX "proposals_merged_into" ON "proposals" USING btree ("merged_into_id");