// Form fields with their label, hint and error linked for screen readers. Views use these, never a bare <input>.
import type { PageContext } from "../context.ts";

interface BaseProps {
  ctx: PageContext;
  id: string;
  name: string;
  label: string;
  hint?: string;
  /** Translation key of the error, if any. */
  error?: string;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export function TextField(props: BaseProps & { value?: string; type?: "text" | "search" | "email" | "url"; autocomplete?: string }) {
  const { ctx, id, name, label, hint, error, value, type = "text", autocomplete } = props;
  return (
    <div class={`field${error ? " field-error" : ""}`}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error-message" id={`${id}-error`}>
          <span class="visually-hidden">{ctx.t("common.error_prefix")} </span>
          {ctx.t(error)}
        </p>
      )}
      <input
        id={id}
        name={name}
        type={type}
        value={value ?? ""}
        autocomplete={autocomplete}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? "true" : undefined}
      />
    </div>
  );
}

export function SelectField(
  props: BaseProps & { value?: string; options: Array<{ value: string; label: string }>; emptyLabel?: string },
) {
  const { ctx, id, name, label, hint, error, value, options, emptyLabel } = props;
  return (
    <div class={`field${error ? " field-error" : ""}`}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error-message" id={`${id}-error`}>
          {ctx.t(error)}
        </p>
      )}
      <select id={id} name={name} aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? "true" : undefined}>
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Summary of a form's errors at the top of the page; each item links to its field. */
export function ErrorSummary({ ctx, errors }: { ctx: PageContext; errors: Array<{ href: string; message: string }> }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>{ctx.t("common.error_summary_title")}</h2>
      <ul>
        {errors.map((e) => (
          <li>
            <a href={e.href}>{ctx.t(e.message)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The hidden CSRF token every form that posts must carry. */
export function CsrfField({ ctx }: { ctx: PageContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrf()} />;
}
