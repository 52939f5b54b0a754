// A form's last row: the button that saves, and a link back that leaves without saving.
export function FormActions({ submitLabel, cancelLabel, back }: { submitLabel: string; cancelLabel: string; back: string }) {
  return (
    <div class="form-actions">
      <button type="submit" class="button">
        {submitLabel}
      </button>{" "}
      <a href={back}>{cancelLabel}</a>
    </div>
  );
}
