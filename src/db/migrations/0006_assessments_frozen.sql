-- An approved assessment is a signed record: it never changes and is never deleted (a reassessment is a new response).
CREATE FUNCTION refuse_approved_assessment_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.state = 'approved' THEN
    RAISE EXCEPTION 'approved assessments are frozen (response %)', OLD.id;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER assessment_responses_frozen BEFORE UPDATE OR DELETE ON assessment_responses
  FOR EACH ROW EXECUTE FUNCTION refuse_approved_assessment_change();
--> statement-breakpoint
-- A loaded instrument version is what old responses were scored with: it never changes.
CREATE FUNCTION refuse_instrument_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'instrument versions are immutable (%@%)', OLD.id, OLD.version;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER instruments_immutable BEFORE UPDATE OR DELETE ON instruments
  FOR EACH ROW EXECUTE FUNCTION refuse_instrument_change();
