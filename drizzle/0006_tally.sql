CREATE TABLE "tallies" (
	"vote_id" text PRIMARY KEY NOT NULL,
	"bulletin" text NOT NULL,
	"result" text NOT NULL,
	"result_digest" text NOT NULL,
	"prepared_at" timestamp with time zone DEFAULT now() NOT NULL,
	"prepared_by" text NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" text
);
--> statement-breakpoint
CREATE TABLE "tally_signoffs" (
	"id" text PRIMARY KEY NOT NULL,
	"vote_id" text NOT NULL,
	"account_id" text NOT NULL,
	"chief" boolean DEFAULT false NOT NULL,
	"invalid_checked" boolean DEFAULT false NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "votes" ADD COLUMN "kind" text DEFAULT 'regular' NOT NULL;--> statement-breakpoint
ALTER TABLE "votes" ADD COLUMN "candidate_ids" jsonb;--> statement-breakpoint
ALTER TABLE "tallies" ADD CONSTRAINT "tallies_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tally_signoffs" ADD CONSTRAINT "tally_signoffs_vote_id_tallies_vote_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."tallies"("vote_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tally_signoffs_account" ON "tally_signoffs" USING btree ("vote_id","account_id");--> statement-breakpoint
-- A published result is immutable: refuse any change to it, or to its sign-offs, at the database itself.
CREATE OR REPLACE FUNCTION tallies_published_immutable() RETURNS trigger AS $$
BEGIN
  IF OLD.published_at IS NOT NULL THEN
    RAISE EXCEPTION 'tally of vote % is published and cannot change', OLD.vote_id USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER tallies_immutable BEFORE UPDATE OR DELETE ON tallies
  FOR EACH ROW EXECUTE FUNCTION tallies_published_immutable();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tally_signoffs_published_immutable() RETURNS trigger AS $$
DECLARE v text;
BEGIN
  v := CASE WHEN TG_OP = 'INSERT' THEN NEW.vote_id ELSE OLD.vote_id END;
  IF EXISTS (SELECT 1 FROM tallies WHERE vote_id = v AND published_at IS NOT NULL) THEN
    RAISE EXCEPTION 'tally of vote % is published and cannot change', v USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER tally_signoffs_immutable BEFORE INSERT OR UPDATE OR DELETE ON tally_signoffs
  FOR EACH ROW EXECUTE FUNCTION tally_signoffs_published_immutable();
