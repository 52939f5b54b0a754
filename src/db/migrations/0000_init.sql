CREATE TABLE "organisations" (
	"id" text PRIMARY KEY NOT NULL,
	"country" text NOT NULL,
	"official_id" text NOT NULL,
	"kind" text NOT NULL,
	"name" jsonb NOT NULL,
	"address" text,
	"website" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_official_id_unique" UNIQUE("official_id")
);
--> statement-breakpoint
CREATE TABLE "public_systems" (
	"system_id" text PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"organisation_id" text NOT NULL,
	"country" text NOT NULL,
	"theme" text NOT NULL,
	"phase" text NOT NULL,
	"risk_class" text NOT NULL,
	"retired_at" timestamp with time zone,
	"name" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"first_published_at" timestamp with time zone NOT NULL,
	"doc_fr" "tsvector" NOT NULL,
	"doc_nl" "tsvector" NOT NULL,
	"doc_de" "tsvector" NOT NULL,
	"doc_en" "tsvector" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "system_aliases" (
	"alias" text PRIMARY KEY NOT NULL,
	"system_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "system_drafts" (
	"system_id" text PRIMARY KEY NOT NULL,
	"record" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "system_versions" (
	"system_id" text NOT NULL,
	"version" integer NOT NULL,
	"record" jsonb NOT NULL,
	"organisation_id" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "system_versions_system_id_version_pk" PRIMARY KEY("system_id","version")
);
--> statement-breakpoint
CREATE TABLE "systems" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"lifecycle" text NOT NULL,
	"latest_version" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "events_hash_unique" UNIQUE("hash")
);
--> statement-breakpoint
ALTER TABLE "public_systems" ADD CONSTRAINT "public_systems_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_systems" ADD CONSTRAINT "public_systems_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_aliases" ADD CONSTRAINT "system_aliases_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_drafts" ADD CONSTRAINT "system_drafts_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_versions" ADD CONSTRAINT "system_versions_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_versions" ADD CONSTRAINT "system_versions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "systems" ADD CONSTRAINT "systems_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "public_systems_doc_fr" ON "public_systems" USING gin ("doc_fr");--> statement-breakpoint
CREATE INDEX "public_systems_doc_nl" ON "public_systems" USING gin ("doc_nl");--> statement-breakpoint
CREATE INDEX "public_systems_doc_de" ON "public_systems" USING gin ("doc_de");--> statement-breakpoint
CREATE INDEX "public_systems_doc_en" ON "public_systems" USING gin ("doc_en");--> statement-breakpoint
CREATE INDEX "public_systems_org" ON "public_systems" USING btree ("organisation_id");