CREATE TABLE "notify_optouts" (
	"person_key" text NOT NULL,
	"channel" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notify_optouts_person_key_channel_pk" PRIMARY KEY("person_key","channel")
);
--> statement-breakpoint
CREATE TABLE "notify_robots" (
	"congress_id" text NOT NULL,
	"channel" text NOT NULL,
	"webhook" text NOT NULL,
	"secret" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notify_robots_congress_id_channel_pk" PRIMARY KEY("congress_id","channel")
);
--> statement-breakpoint
CREATE TABLE "notify_templates" (
	"congress_id" text NOT NULL,
	"kind" text NOT NULL,
	"zh" text,
	"en" text,
	"sms_template_code" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notify_templates_congress_id_kind_pk" PRIMARY KEY("congress_id","kind")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"congress_id" text NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"audience" text NOT NULL,
	"person_key" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"address_masked" text DEFAULT '' NOT NULL,
	"lang" text DEFAULT 'zh-CN' NOT NULL,
	"params" jsonb NOT NULL,
	"subject_type" text,
	"subject_id" text,
	"dedupe_key" text,
	"state" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"due_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone,
	"leased_by" text,
	"provider_id" text,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "notify_robots" ADD CONSTRAINT "notify_robots_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notify_templates" ADD CONSTRAINT "notify_templates_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_congress_id_congresses_id_fk" FOREIGN KEY ("congress_id") REFERENCES "public"."congresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_dedupe" ON "outbox" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "outbox_due" ON "outbox" USING btree ("state","due_at");--> statement-breakpoint
CREATE INDEX "outbox_congress_created" ON "outbox" USING btree ("congress_id","created_at");--> statement-breakpoint
CREATE INDEX "outbox_person_sent" ON "outbox" USING btree ("person_key","channel","sent_at");