CREATE TABLE "event_materials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"title" jsonb NOT NULL,
	"url" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"day" date NOT NULL,
	"starts_at" text NOT NULL,
	"title" jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_speakers" (
	"session_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	CONSTRAINT "event_speakers_session_id_member_id_pk" PRIMARY KEY("session_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "network_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" text NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"place" text NOT NULL,
	"sharing" text DEFAULT 'participants' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" text NOT NULL,
	"position" text NOT NULL,
	"expertise" text[] DEFAULT '{}' NOT NULL,
	"languages" text[] DEFAULT '{}' NOT NULL,
	"consented_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_members_user_id_unique" UNIQUE("user_id")
);
--> statement-breakpoint
CREATE TABLE "practices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"body" jsonb NOT NULL,
	"sector" text,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"link" text,
	"sharing" text DEFAULT 'participants' NOT NULL,
	"doc_fr" "tsvector" NOT NULL,
	"doc_nl" "tsvector" NOT NULL,
	"doc_de" "tsvector" NOT NULL,
	"doc_en" "tsvector" NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lessons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pilot_id" uuid NOT NULL,
	"organisation_id" text NOT NULL,
	"title" jsonb NOT NULL,
	"context" jsonb NOT NULL,
	"what_worked" jsonb NOT NULL,
	"what_did_not" jsonb NOT NULL,
	"recommendation" jsonb NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"sharing" text DEFAULT 'participants' NOT NULL,
	"doc_fr" "tsvector" NOT NULL,
	"doc_nl" "tsvector" NOT NULL,
	"doc_de" "tsvector" NOT NULL,
	"doc_en" "tsvector" NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pilot_contacts" (
	"pilot_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	CONSTRAINT "pilot_contacts_pilot_id_member_id_pk" PRIMARY KEY("pilot_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "pilot_indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pilot_id" uuid NOT NULL,
	"name" jsonb NOT NULL,
	"unit" text NOT NULL,
	"direction" text NOT NULL,
	"targets" jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pilot_measurements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"pilot_id" uuid NOT NULL,
	"country" text NOT NULL,
	"measured_on" date NOT NULL,
	"value" double precision NOT NULL,
	"note" text,
	"organisation_id" text NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pilot_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pilot_id" uuid NOT NULL,
	"title" jsonb NOT NULL,
	"due_on" date NOT NULL,
	"done_on" date
);
--> statement-breakpoint
CREATE TABLE "pilot_notifications" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"feed_seen_at" timestamp with time zone,
	"digest" text DEFAULT 'off' NOT NULL,
	"digest_lang" text DEFAULT 'en' NOT NULL,
	"digest_sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "pilot_participants" (
	"pilot_id" uuid NOT NULL,
	"organisation_id" text NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "pilot_participants_pilot_id_organisation_id_pk" PRIMARY KEY("pilot_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "pilot_systems" (
	"pilot_id" uuid NOT NULL,
	"system_id" text NOT NULL,
	CONSTRAINT "pilot_systems_pilot_id_system_id_pk" PRIMARY KEY("pilot_id","system_id")
);
--> statement-breakpoint
CREATE TABLE "pilots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lead_organisation_id" text NOT NULL,
	"title" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"sector" text NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"frame" jsonb NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"state" text DEFAULT 'proposed' NOT NULL,
	"state_reason" jsonb,
	"evaluation" jsonb,
	"sharing" text DEFAULT 'participants' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "event_materials" ADD CONSTRAINT "event_materials_event_id_network_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."network_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_sessions" ADD CONSTRAINT "event_sessions_event_id_network_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."network_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_speakers" ADD CONSTRAINT "event_speakers_session_id_event_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."event_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_speakers" ADD CONSTRAINT "event_speakers_member_id_network_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."network_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_events" ADD CONSTRAINT "network_events_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_pilot_id_pilots_id_fk" FOREIGN KEY ("pilot_id") REFERENCES "public"."pilots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_contacts" ADD CONSTRAINT "pilot_contacts_pilot_id_pilots_id_fk" FOREIGN KEY ("pilot_id") REFERENCES "public"."pilots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_contacts" ADD CONSTRAINT "pilot_contacts_member_id_network_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."network_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_indicators" ADD CONSTRAINT "pilot_indicators_pilot_id_pilots_id_fk" FOREIGN KEY ("pilot_id") REFERENCES "public"."pilots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_measurements" ADD CONSTRAINT "pilot_measurements_indicator_id_pilot_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."pilot_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_measurements" ADD CONSTRAINT "pilot_measurements_pilot_id_pilots_id_fk" FOREIGN KEY ("pilot_id") REFERENCES "public"."pilots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_measurements" ADD CONSTRAINT "pilot_measurements_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_milestones" ADD CONSTRAINT "pilot_milestones_pilot_id_pilots_id_fk" FOREIGN KEY ("pilot_id") REFERENCES "public"."pilots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_notifications" ADD CONSTRAINT "pilot_notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_participants" ADD CONSTRAINT "pilot_participants_pilot_id_pilots_id_fk" FOREIGN KEY ("pilot_id") REFERENCES "public"."pilots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_participants" ADD CONSTRAINT "pilot_participants_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_systems" ADD CONSTRAINT "pilot_systems_pilot_id_pilots_id_fk" FOREIGN KEY ("pilot_id") REFERENCES "public"."pilots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_systems" ADD CONSTRAINT "pilot_systems_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilots" ADD CONSTRAINT "pilots_lead_organisation_id_organisations_id_fk" FOREIGN KEY ("lead_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_materials_event" ON "event_materials" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "event_sessions_event" ON "event_sessions" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "network_events_starts" ON "network_events" USING btree ("starts_on");--> statement-breakpoint
CREATE INDEX "practices_organisation" ON "practices" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "practices_doc_fr" ON "practices" USING gin ("doc_fr");--> statement-breakpoint
CREATE INDEX "practices_doc_nl" ON "practices" USING gin ("doc_nl");--> statement-breakpoint
CREATE INDEX "practices_doc_de" ON "practices" USING gin ("doc_de");--> statement-breakpoint
CREATE INDEX "practices_doc_en" ON "practices" USING gin ("doc_en");--> statement-breakpoint
CREATE INDEX "lessons_pilot" ON "lessons" USING btree ("pilot_id");--> statement-breakpoint
CREATE INDEX "lessons_doc_fr" ON "lessons" USING gin ("doc_fr");--> statement-breakpoint
CREATE INDEX "lessons_doc_nl" ON "lessons" USING gin ("doc_nl");--> statement-breakpoint
CREATE INDEX "lessons_doc_de" ON "lessons" USING gin ("doc_de");--> statement-breakpoint
CREATE INDEX "lessons_doc_en" ON "lessons" USING gin ("doc_en");--> statement-breakpoint
CREATE INDEX "pilot_indicators_pilot" ON "pilot_indicators" USING btree ("pilot_id");--> statement-breakpoint
CREATE INDEX "pilot_measurements_indicator" ON "pilot_measurements" USING btree ("indicator_id","country","measured_on");--> statement-breakpoint
CREATE INDEX "pilot_milestones_pilot" ON "pilot_milestones" USING btree ("pilot_id");--> statement-breakpoint
CREATE INDEX "pilot_participants_organisation" ON "pilot_participants" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "pilots_sector" ON "pilots" USING btree ("sector");--> statement-breakpoint
CREATE INDEX "pilots_lead" ON "pilots" USING btree ("lead_organisation_id");