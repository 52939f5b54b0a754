-- Text search per language: the language's stemmer after unaccent, so "allocations" finds "allocation" and "reseau" finds "réseau".
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION gaichel_fr (COPY = french);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION gaichel_fr ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION gaichel_nl (COPY = dutch);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION gaichel_nl ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION gaichel_de (COPY = german);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION gaichel_de ALTER MAPPING FOR hword, hword_part, word WITH unaccent, german_stem;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION gaichel_en (COPY = english);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION gaichel_en ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
--> statement-breakpoint
-- A published version is a public record: it never changes and is never deleted.
CREATE FUNCTION refuse_version_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'system_versions rows are immutable (version % of %)', OLD.version, OLD.system_id;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER system_versions_immutable BEFORE UPDATE OR DELETE ON system_versions
  FOR EACH ROW EXECUTE FUNCTION refuse_version_change();
--> statement-breakpoint
-- The audit trail is append-only; `gaichel audit-log verify` detects a change made by someone who bypasses this.
CREATE FUNCTION refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only (event %)', OLD.id;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION refuse_event_change();
