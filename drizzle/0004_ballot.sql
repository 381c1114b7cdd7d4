CREATE TABLE "ballots" (
	"id" text PRIMARY KEY NOT NULL,
	"vote_id" text NOT NULL,
	"card_id" text NOT NULL,
	"marks" jsonb NOT NULL,
	"receipt" text NOT NULL,
	"paper" boolean DEFAULT false NOT NULL,
	CONSTRAINT "ballots_card_id_unique" UNIQUE("card_id"),
	CONSTRAINT "ballots_receipt_unique" UNIQUE("receipt")
);
--> statement-breakpoint
CREATE TABLE "cards" (
	"id" text PRIMARY KEY NOT NULL,
	"vote_id" text NOT NULL,
	"ballot_id" text NOT NULL,
	"serial" text NOT NULL,
	"issued" boolean DEFAULT false NOT NULL,
	"voided" boolean DEFAULT false NOT NULL,
	CONSTRAINT "cards_ballot_id_unique" UNIQUE("ballot_id")
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"id" text PRIMARY KEY NOT NULL,
	"congress_id" text NOT NULL,
	"session_id" text NOT NULL,
	"list_id" text NOT NULL,
	"title" text NOT NULL,
	"seats" integer NOT NULL,
	"mark_mode" text NOT NULL,
	"max_for" integer NOT NULL,
	"threshold_base" text NOT NULL,
	"threshold_numerator" integer NOT NULL,
	"threshold_denominator" integer NOT NULL,
	"threshold_strict" boolean NOT NULL,
	"spare_cards" integer NOT NULL,
	"issuance_mode" text DEFAULT 'scan' NOT NULL,
	"issued_count" integer,
	"cards_commitment" text,
	"cards_generated_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"countdown_ends_at" timestamp with time zone,
	"open_seated" integer,
	"open_present" integer,
	"close_seated" integer,
	"close_present" integer,
	"previous_vote_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_session_id_congress_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."congress_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_list_id_candidate_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."candidate_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ballots_vote" ON "ballots" USING btree ("vote_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cards_serial" ON "cards" USING btree ("vote_id","serial");--> statement-breakpoint
CREATE INDEX "cards_vote" ON "cards" USING btree ("vote_id");