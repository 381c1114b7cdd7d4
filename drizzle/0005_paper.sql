CREATE TABLE "paper_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"vote_id" text NOT NULL,
	"card_id" text NOT NULL,
	"entered_by" text NOT NULL,
	"marks" jsonb NOT NULL,
	"state" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "paper_entries" ADD CONSTRAINT "paper_entries_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_entries" ADD CONSTRAINT "paper_entries_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "paper_entries_counter" ON "paper_entries" USING btree ("card_id","entered_by");--> statement-breakpoint
CREATE INDEX "paper_entries_vote" ON "paper_entries" USING btree ("vote_id");