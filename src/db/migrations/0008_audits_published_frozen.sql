-- A published audit is a public record: its figures never change and it is never deleted.
CREATE FUNCTION refuse_published_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.published_at IS NOT NULL THEN
    RAISE EXCEPTION 'published audits are frozen (audit %)', OLD.id;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audits_published_frozen BEFORE UPDATE OR DELETE ON audits
  FOR EACH ROW EXECUTE FUNCTION refuse_published_audit_change();
