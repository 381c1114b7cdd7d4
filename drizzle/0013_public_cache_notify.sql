-- Public reads answer from an in-process cache (server/lib/public-cache.ts). Every table whose rows feed a cached read
-- announces a committed change on the channel the screens already LISTEN on, so every instance drops what it cached.
-- One statement-level trigger per table (a thousand-row insert is one NOTIFY, and PostgreSQL folds identical payloads
-- of one transaction into one). The tables left without a trigger, and why, are listed in server/lib/public-cache.ts.
CREATE OR REPLACE FUNCTION minsheng_public_changed() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('minsheng_events', json_build_object('t', TG_TABLE_NAME)::text);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER congresses_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON congresses
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_public_changed();
--> statement-breakpoint
CREATE TRIGGER collection_windows_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON collection_windows
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_public_changed();
--> statement-breakpoint
CREATE TRIGGER candidates_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON candidates
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_public_changed();
--> statement-breakpoint
CREATE TRIGGER candidate_lists_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON candidate_lists
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_public_changed();
--> statement-breakpoint
CREATE TRIGGER candidate_list_items_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON candidate_list_items
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_public_changed();
--> statement-breakpoint
CREATE TRIGGER departments_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON departments
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_public_changed();
--> statement-breakpoint
CREATE TRIGGER congress_sessions_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON congress_sessions
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_public_changed();
--> statement-breakpoint
CREATE TRIGGER votes_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON votes
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_public_changed();
--> statement-breakpoint
CREATE TRIGGER tallies_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tallies
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_public_changed();
--> statement-breakpoint
CREATE TRIGGER tally_signoffs_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tally_signoffs
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_public_changed();
--> statement-breakpoint
CREATE TRIGGER accounts_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON accounts
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_public_changed();
--> statement-breakpoint
CREATE TRIGGER projects_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON projects
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_public_changed();
--> statement-breakpoint
CREATE TRIGGER milestones_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON milestones
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_public_changed();
--> statement-breakpoint
CREATE TRIGGER project_updates_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON project_updates
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_public_changed();
--> statement-breakpoint
CREATE TRIGGER project_files_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON project_files
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_public_changed();
--> statement-breakpoint
CREATE TRIGGER change_requests_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON change_requests
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_public_changed();
--> statement-breakpoint
CREATE TRIGGER findings_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON findings
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_public_changed();
--> statement-breakpoint
CREATE TRIGGER eval_rounds_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON eval_rounds
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_public_changed();
--> statement-breakpoint
CREATE TRIGGER eval_targets_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON eval_targets
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_public_changed();
