CREATE TABLE "vacancies_left" (
	"vote_id" text PRIMARY KEY NOT NULL,
	"seats" integer NOT NULL,
	"left_by" text NOT NULL,
	"left_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "vacancies_left" ADD CONSTRAINT "vacancies_left_vote_id_tallies_vote_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."tallies"("vote_id") ON DELETE cascade ON UPDATE no action;