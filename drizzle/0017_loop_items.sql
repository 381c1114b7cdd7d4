CREATE TABLE "reception_days" (
	"id" text PRIMARY KEY NOT NULL,
	"congress_id" text NOT NULL,
	"station_id" text NOT NULL,
	"year" integer NOT NULL,
	"day" date NOT NULL,
	"kind" text DEFAULT 'reception' NOT NULL,
	"theme" text DEFAULT '' NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reception_duties" (
	"day_id" text NOT NULL,
	"representative_id" text NOT NULL,
	"congress_id" text NOT NULL,
	CONSTRAINT "reception_duties_day_id_representative_id_pk" PRIMARY KEY("day_id","representative_id")
);
--> statement-breakpoint
CREATE TABLE "reception_representatives" (
	"reception_id" text NOT NULL,
	"representative_id" text NOT NULL,
	"congress_id" text NOT NULL,
	CONSTRAINT "reception_representatives_reception_id_representative_id_pk" PRIMARY KEY("reception_id","representative_id")
);
--> statement-breakpoint
CREATE TABLE "receptions" (
	"id" text PRIMARY KEY NOT NULL,
	"congress_id" text NOT NULL,
	"station_id" text NOT NULL,
	"day_id" text,
	"held_on" date NOT NULL,
	"kind" text DEFAULT 'reception' NOT NULL,
	"theme" text DEFAULT '' NOT NULL,
	"visitors" integer DEFAULT 0 NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "station_representatives" (
	"station_id" text NOT NULL,
	"representative_id" text NOT NULL,
	"congress_id" text NOT NULL,
	CONSTRAINT "station_representatives_station_id_representative_id_pk" PRIMARY KEY("station_id","representative_id")
);
--> statement-breakpoint
CREATE TABLE "stations" (
	"id" text PRIMARY KEY NOT NULL,
	"congress_id" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"reception_times" text DEFAULT '' NOT NULL,
	"duties" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"congress_id" text NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	CONSTRAINT "calendar_days_congress_id_day_pk" PRIMARY KEY("congress_id","day")
);
--> statement-breakpoint
CREATE TABLE "handling_rating_grants" (
	"item_id" text NOT NULL,
	"round" integer NOT NULL,
	"representative_id" text NOT NULL,
	"congress_id" text NOT NULL,
	CONSTRAINT "handling_rating_grants_item_id_round_representative_id_pk" PRIMARY KEY("item_id","round","representative_id")
);
--> statement-breakpoint
CREATE TABLE "handling_ratings" (
	"id" text PRIMARY KEY NOT NULL,
	"congress_id" text NOT NULL,
	"department_id" text,
	"year" integer NOT NULL,
	"attitude" text NOT NULL,
	"handling" text NOT NULL,
	"effect" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "item_answers" (
	"id" text PRIMARY KEY NOT NULL,
	"congress_id" text NOT NULL,
	"item_id" text NOT NULL,
	"round" integer NOT NULL,
	"department_id" text,
	"answer_class" text NOT NULL,
	"text" text NOT NULL,
	"answered_on" date NOT NULL,
	"answered_by" text,
	"decision" text,
	"decision_reason" text DEFAULT '' NOT NULL,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "item_events" (
	"id" text PRIMARY KEY NOT NULL,
	"congress_id" text NOT NULL,
	"item_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"actor_id" text,
	"note" text DEFAULT '' NOT NULL,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "item_supervisions" (
	"id" text PRIMARY KEY NOT NULL,
	"congress_id" text NOT NULL,
	"item_id" text NOT NULL,
	"held_on" date NOT NULL,
	"leader" text NOT NULL,
	"found" text NOT NULL,
	"new_due_on" date,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "items" (
	"id" text PRIMARY KEY NOT NULL,
	"congress_id" text NOT NULL,
	"tracking_code" text NOT NULL,
	"source" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"received_on" date NOT NULL,
	"station_id" text,
	"reception_id" text,
	"representative_id" text,
	"submitted_by" text,
	"submitter_name" text DEFAULT '' NOT NULL,
	"submitter_contact" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"department_id" text,
	"assigned_on" date,
	"due_on" date,
	"answer_class" text,
	"answered_on" date,
	"closed_on" date,
	"triage_note" text DEFAULT '' NOT NULL,
	"merged_into_id" text,
	"proposal_id" text,
	"key_item" boolean DEFAULT false NOT NULL,
	"key_leader" text DEFAULT '' NOT NULL,
	"feedback" text,
	"feedback_round" integer,
	"ticket_no" text,
	"hotline" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "items_tracking_code_unique" UNIQUE("tracking_code")
);
--> statement-breakpoint
CREATE TABLE "loop_files" (
	"id" text PRIMARY KEY NOT NULL,
	"congress_id" text NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" text NOT NULL,
	"filename" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "station_id" text;--> statement-breakpoint
ALTER TABLE "reception_days" ADD CONSTRAINT "reception_days_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_days" ADD CONSTRAINT "reception_days_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_duties" ADD CONSTRAINT "reception_duties_day_id_reception_days_id_fk" FOREIGN KEY ("day_id") REFERENCES "public"."reception_days"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_duties" ADD CONSTRAINT "reception_duties_representative_id_representatives_id_fk" FOREIGN KEY ("representative_id") REFERENCES "public"."representatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_duties" ADD CONSTRAINT "reception_duties_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_representatives" ADD CONSTRAINT "reception_representatives_reception_id_receptions_id_fk" FOREIGN KEY ("reception_id") REFERENCES "public"."receptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_representatives" ADD CONSTRAINT "reception_representatives_representative_id_representatives_id_fk" FOREIGN KEY ("representative_id") REFERENCES "public"."representatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_representatives" ADD CONSTRAINT "reception_representatives_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receptions" ADD CONSTRAINT "receptions_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receptions" ADD CONSTRAINT "receptions_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receptions" ADD CONSTRAINT "receptions_day_id_reception_days_id_fk" FOREIGN KEY ("day_id") REFERENCES "public"."reception_days"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receptions" ADD CONSTRAINT "receptions_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_representatives" ADD CONSTRAINT "station_representatives_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_representatives" ADD CONSTRAINT "station_representatives_representative_id_representatives_id_fk" FOREIGN KEY ("representative_id") REFERENCES "public"."representatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_representatives" ADD CONSTRAINT "station_representatives_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_days" ADD CONSTRAINT "calendar_days_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handling_rating_grants" ADD CONSTRAINT "handling_rating_grants_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handling_rating_grants" ADD CONSTRAINT "handling_rating_grants_representative_id_representatives_id_fk" FOREIGN KEY ("representative_id") REFERENCES "public"."representatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handling_rating_grants" ADD CONSTRAINT "handling_rating_grants_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handling_ratings" ADD CONSTRAINT "handling_ratings_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handling_ratings" ADD CONSTRAINT "handling_ratings_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_answers" ADD CONSTRAINT "item_answers_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_answers" ADD CONSTRAINT "item_answers_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_answers" ADD CONSTRAINT "item_answers_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_answers" ADD CONSTRAINT "item_answers_answered_by_accounts_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_events" ADD CONSTRAINT "item_events_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_events" ADD CONSTRAINT "item_events_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_events" ADD CONSTRAINT "item_events_actor_id_accounts_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_supervisions" ADD CONSTRAINT "item_supervisions_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_supervisions" ADD CONSTRAINT "item_supervisions_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_supervisions" ADD CONSTRAINT "item_supervisions_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_reception_id_receptions_id_fk" FOREIGN KEY ("reception_id") REFERENCES "public"."receptions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_representative_id_representatives_id_fk" FOREIGN KEY ("representative_id") REFERENCES "public"."representatives"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_submitted_by_accounts_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loop_files" ADD CONSTRAINT "loop_files_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reception_days_day" ON "reception_days" USING btree ("station_id","day");--> statement-breakpoint
CREATE INDEX "reception_days_year" ON "reception_days" USING btree ("congress_id","year");--> statement-breakpoint
CREATE INDEX "reception_duties_rep" ON "reception_duties" USING btree ("representative_id");--> statement-breakpoint
CREATE INDEX "reception_representatives_rep" ON "reception_representatives" USING btree ("representative_id");--> statement-breakpoint
CREATE INDEX "receptions_station" ON "receptions" USING btree ("station_id","held_on");--> statement-breakpoint
CREATE INDEX "receptions_congress" ON "receptions" USING btree ("congress_id","held_on");--> statement-breakpoint
CREATE INDEX "station_representatives_rep" ON "station_representatives" USING btree ("representative_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stations_name" ON "stations" USING btree ("congress_id","name");--> statement-breakpoint
CREATE INDEX "handling_ratings_department" ON "handling_ratings" USING btree ("congress_id","department_id","year");--> statement-breakpoint
CREATE INDEX "item_answers_item" ON "item_answers" USING btree ("item_id","round");--> statement-breakpoint
CREATE INDEX "item_events_item" ON "item_events" USING btree ("item_id","at");--> statement-breakpoint
CREATE INDEX "item_supervisions_item" ON "item_supervisions" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "items_congress_received" ON "items" USING btree ("congress_id","received_on");--> statement-breakpoint
CREATE INDEX "items_congress_status_due" ON "items" USING btree ("congress_id","status","due_on");--> statement-breakpoint
CREATE INDEX "items_department_status" ON "items" USING btree ("congress_id","department_id","status","due_on");--> statement-breakpoint
CREATE INDEX "items_station" ON "items" USING btree ("station_id","received_on");--> statement-breakpoint
CREATE INDEX "items_representative" ON "items" USING btree ("representative_id");--> statement-breakpoint
CREATE INDEX "items_key" ON "items" USING btree ("congress_id","key_item");--> statement-breakpoint
CREATE UNIQUE INDEX "items_ticket" ON "items" USING btree ("congress_id","ticket_no") WHERE "items"."ticket_no" is not null;--> statement-breakpoint
CREATE INDEX "loop_files_owner" ON "loop_files" USING btree ("owner_kind","owner_id");--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE cascade ON UPDATE no action;