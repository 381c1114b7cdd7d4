ALTER TABLE "items" ADD COLUMN "first_answered_on" date;--> statement-breakpoint
-- The first answer's day of each item, kept beside it: recomputed for the item whenever one of its answers is
-- written, changed or removed (a county's dashboard reads it instead of looking up every item's answers).
CREATE OR REPLACE FUNCTION items_first_answered_keep() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE items SET first_answered_on = (SELECT min(a.answered_on) FROM item_answers a WHERE a.item_id = OLD.item_id) WHERE id = OLD.item_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE items SET first_answered_on = (SELECT min(a.answered_on) FROM item_answers a WHERE a.item_id = NEW.item_id)
      WHERE id = NEW.item_id AND first_answered_on IS DISTINCT FROM (SELECT min(a.answered_on) FROM item_answers a WHERE a.item_id = NEW.item_id);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER item_answers_first_answered AFTER INSERT OR DELETE OR UPDATE OF answered_on, item_id ON item_answers
  FOR EACH ROW EXECUTE FUNCTION items_first_answered_keep();
--> statement-breakpoint
UPDATE items i SET first_answered_on = a.first FROM (SELECT item_id, min(answered_on) AS first FROM item_answers GROUP BY item_id) a WHERE a.item_id = i.id;
