CREATE TABLE "motions" (
	"id" text PRIMARY KEY NOT NULL,
	"congress_id" text NOT NULL,
	"session_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"threshold_base" text DEFAULT 'seated' NOT NULL,
	"threshold_numerator" integer DEFAULT 1 NOT NULL,
	"threshold_denominator" integer DEFAULT 2 NOT NULL,
	"threshold_strict" boolean DEFAULT true NOT NULL,
	"vote_id" text,
	"position" integer DEFAULT 0 NOT NULL,
	"decides_vote_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "votes" ALTER COLUMN "list_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "votes" ADD COLUMN "list_position" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_session_id_congress_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."congress_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_decides_vote_id_votes_id_fk" FOREIGN KEY ("decides_vote_id") REFERENCES "public"."votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "motions_session" ON "motions" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "motions_vote" ON "motions" USING btree ("vote_id");--> statement-breakpoint
-- Motions feed cached public reads (the adopted decisions, a published sitting's questions): announce their changes
-- like every watched table (drizzle/0013_public_cache_notify.sql, server/lib/public-cache.ts).
CREATE TRIGGER motions_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON motions
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_public_changed();
