CREATE TABLE "eval_inquiries" (
	"id" text PRIMARY KEY NOT NULL,
	"congress_id" text NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"department_ids" jsonb NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "eval_officials" (
	"id" text PRIMARY KEY NOT NULL,
	"congress_id" text NOT NULL,
	"name" text NOT NULL,
	"post" text NOT NULL,
	"department_id" text,
	"appointed_on" date,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "eval_comments" ADD COLUMN "item_id" text;--> statement-breakpoint
ALTER TABLE "eval_inquiries" ADD CONSTRAINT "eval_inquiries_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_officials" ADD CONSTRAINT "eval_officials_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_officials" ADD CONSTRAINT "eval_officials_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "eval_inquiries_congress" ON "eval_inquiries" USING btree ("congress_id");--> statement-breakpoint
CREATE INDEX "eval_officials_congress" ON "eval_officials" USING btree ("congress_id");