CREATE TABLE "eval_answers" (
	"id" text PRIMARY KEY NOT NULL,
	"round_id" text NOT NULL,
	"audience" text NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" text NOT NULL,
	"item_id" text NOT NULL,
	"answer" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "eval_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"round_id" text NOT NULL,
	"audience" text NOT NULL,
	"code_id" text NOT NULL,
	"serial" text NOT NULL,
	CONSTRAINT "eval_codes_code_id_unique" UNIQUE("code_id")
);
--> statement-breakpoint
CREATE TABLE "eval_comments" (
	"id" text PRIMARY KEY NOT NULL,
	"round_id" text NOT NULL,
	"audience" text NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" text NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "eval_grants" (
	"round_id" text NOT NULL,
	"representative_id" text NOT NULL,
	CONSTRAINT "eval_grants_round_id_representative_id_pk" PRIMARY KEY("round_id","representative_id")
);
--> statement-breakpoint
CREATE TABLE "eval_rounds" (
	"id" text PRIMARY KEY NOT NULL,
	"congress_id" text NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"kind" text DEFAULT 'regular' NOT NULL,
	"previous_round_id" text,
	"audiences" jsonb NOT NULL,
	"items" jsonb NOT NULL,
	"allow_unknown" boolean DEFAULT true NOT NULL,
	"issued_representatives" integer DEFAULT 0 NOT NULL,
	"issued_residents" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "eval_spent" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"round_id" text NOT NULL,
	"audience" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "eval_targets" (
	"round_id" text NOT NULL,
	"kind" text NOT NULL,
	"target_id" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "eval_targets_round_id_kind_target_id_pk" PRIMARY KEY("round_id","kind","target_id")
);
--> statement-breakpoint
CREATE TABLE "rectifications" (
	"id" text PRIMARY KEY NOT NULL,
	"congress_id" text NOT NULL,
	"round_id" text NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" text NOT NULL,
	"department_id" text NOT NULL,
	"grade" text NOT NULL,
	"requires_reevaluation" boolean NOT NULL,
	"repeated" boolean DEFAULT false NOT NULL,
	"deadline" date NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"report" text DEFAULT '' NOT NULL,
	"reported_at" timestamp with time zone,
	"review_note" text DEFAULT '' NOT NULL,
	"reevaluation_round_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "eval_answers" ADD CONSTRAINT "eval_answers_round_id_eval_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."eval_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_codes" ADD CONSTRAINT "eval_codes_round_id_eval_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."eval_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_comments" ADD CONSTRAINT "eval_comments_round_id_eval_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."eval_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_grants" ADD CONSTRAINT "eval_grants_round_id_eval_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."eval_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_grants" ADD CONSTRAINT "eval_grants_representative_id_representatives_id_fk" FOREIGN KEY ("representative_id") REFERENCES "public"."representatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_rounds" ADD CONSTRAINT "eval_rounds_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_spent" ADD CONSTRAINT "eval_spent_round_id_eval_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."eval_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_targets" ADD CONSTRAINT "eval_targets_round_id_eval_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."eval_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_round_id_eval_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."eval_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "eval_answers_round" ON "eval_answers" USING btree ("round_id");--> statement-breakpoint
CREATE UNIQUE INDEX "eval_codes_serial" ON "eval_codes" USING btree ("round_id","serial");--> statement-breakpoint
CREATE INDEX "eval_comments_round" ON "eval_comments" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "eval_spent_round" ON "eval_spent" USING btree ("round_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rectifications_target" ON "rectifications" USING btree ("round_id","target_kind","target_id");--> statement-breakpoint
CREATE INDEX "rectifications_department" ON "rectifications" USING btree ("department_id");