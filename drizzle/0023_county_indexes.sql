CREATE INDEX "candidate_lists_congress_year" ON "candidate_lists" USING btree ("congress_id","year");--> statement-breakpoint
CREATE INDEX "votes_list" ON "votes" USING btree ("list_id");--> statement-breakpoint
CREATE INDEX "eval_rounds_congress_year" ON "eval_rounds" USING btree ("congress_id","year");