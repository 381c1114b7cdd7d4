CREATE TABLE "review_meetings" (
	"id" text PRIMARY KEY NOT NULL,
	"congress_id" text NOT NULL,
	"month" text NOT NULL,
	"held_on" date NOT NULL,
	"attendees" text DEFAULT '' NOT NULL,
	"decisions" text DEFAULT '' NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "review_meetings" ADD CONSTRAINT "review_meetings_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_meetings" ADD CONSTRAINT "review_meetings_updated_by_accounts_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "review_meetings_month" ON "review_meetings" USING btree ("congress_id","month");