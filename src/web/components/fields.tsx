// Form fields with their label, hint and error linked for screen readers. Views use these, never a bare <input>.
import type { ComponentChildren } from "preact";
import type { PageContext } from "../context.ts";

/** A message to show: a translation key, or a key with values for its placeholders. */
export type Message = string | { key: string; params?: Record<string, string | number> };

export function say(ctx: PageContext, message: Message): string {
  return typeof message === "string" ? ctx.t(message) : ctx.t(message.key, message.params);
}

interface BaseProps {
  ctx: PageContext;
  id: string;
  name: string;
  label: string;
  hint?: string;
  /** The error, if any. */
  error?: Message;
}

function describedBy(id: string, hint?: unknown, error?: Message): string | undefined {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

/** The label, hint and error around one control, with the ids its aria-describedby points at. */
function FieldFrame(props: { ctx: PageContext; id: string; label: string; hint?: ComponentChildren; error?: Message; children: ComponentChildren }) {
  const { ctx, id, label, hint, error, children } = props;
  return (
    <div class={`field${error ? " field-error" : ""}`}>
      <label for={id}>{label}</label>
      {hint && (
        <div class="hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <p class="error-message" id={`${id}-error`}>
          <span class="visually-hidden">{ctx.t("common.error_prefix")} </span>
          {say(ctx, error)}
        </p>
      )}
      {children}
    </div>
  );
}

export function TextField(
  props: BaseProps & {
    value?: string;
    /** A password field never shows a value back. */
    type?: "text" | "search" | "email" | "url" | "password" | "date";
    autocomplete?: string;
    /** The keyboard a phone shows, e.g. "numeric" for a code. */
    inputMode?: "text" | "numeric" | "decimal" | "email";
    spellcheck?: boolean;
    /** The language of the value, when it is not the page's (a translation being written). */
    lang?: string;
  },
) {
  const { ctx, id, name, label, hint, error, value, type = "text", autocomplete, inputMode, spellcheck, lang } = props;
  return (
    <FieldFrame ctx={ctx} id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        name={name}
        type={type}
        value={type === "password" ? undefined : (value ?? "")}
        autocomplete={autocomplete}
        inputMode={inputMode}
        spellcheck={spellcheck}
        lang={lang}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? "true" : undefined}
      />
    </FieldFrame>
  );
}

/** A file to upload (in a multipart form), e.g. `accept=".csv,.parquet"`. */
export function FileField(props: BaseProps & { accept: string }) {
  const { ctx, id, name, label, hint, error, accept } = props;
  return (
    <FieldFrame ctx={ctx} id={id} label={label} hint={hint} error={error}>
      <input id={id} name={name} type="file" accept={accept} aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? "true" : undefined} />
    </FieldFrame>
  );
}

export function SelectField(
  props: BaseProps & { value?: string; options: Array<{ value: string; label: string }>; emptyLabel?: string },
) {
  const { ctx, id, name, label, hint, error, value, options, emptyLabel } = props;
  return (
    <FieldFrame ctx={ctx} id={id} label={label} hint={hint} error={error}>
      <select id={id} name={name} aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? "true" : undefined}>
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

type ChoiceOption = { value: string; label: string; hint?: string };
type ChoicesProps = Omit<BaseProps, "label"> & { legend: string; options: ChoiceOption[] };

/**
 * Options under a legend, as checkboxes or radio buttons. The first control has `id`, so that the error summary can
 * link to the group; the others `${id}-${value}`.
 */
function ChoicesField(props: ChoicesProps & { type: "checkbox" | "radio"; isChecked: (value: string) => boolean }) {
  const { ctx, id, name, legend, hint, error, options, type, isChecked } = props;
  return (
    <div class={`field${error ? " field-error" : ""}`}>
      <fieldset aria-describedby={describedBy(id, hint, error)}>
        <legend>{legend}</legend>
        {hint && (
          <p class="hint" id={`${id}-hint`}>
            {hint}
          </p>
        )}
        {error && (
          <p class="error-message" id={`${id}-error`}>
            <span class="visually-hidden">{ctx.t("common.error_prefix")} </span>
            {say(ctx, error)}
          </p>
        )}
        {options.map((o, index) => {
          const controlId = index === 0 ? id : `${id}-${o.value.replace(/[^a-z0-9-]/gi, "-")}`;
          return (
            <div class={type}>
              <input
                type={type}
                id={controlId}
                name={name}
                value={o.value}
                checked={isChecked(o.value)}
                aria-describedby={o.hint ? `${controlId}-hint` : undefined}
              />
              <label for={controlId}>{o.label}</label>
              {o.hint && (
                <p class="hint" id={`${controlId}-hint`}>
                  {o.hint}
                </p>
              )}
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

/** Any number of options, as checkboxes. */
export function CheckboxesField(props: ChoicesProps & { values: string[] }) {
  return <ChoicesField {...props} type="checkbox" isChecked={(value) => props.values.includes(value)} />;
}

/** One option, as radio buttons. */
export function RadiosField(props: ChoicesProps & { value?: string }) {
  return <ChoicesField {...props} type="radio" isChecked={(value) => value === props.value} />;
}

/** A value the form carries back unchanged (where to go after signing in, for one). */
export function HiddenField({ name, value }: { name: string; value: string }) {
  return <input type="hidden" name={name} value={value} />;
}

/** A multi-line text, with its label, hint and error linked like the other fields. */
export function TextArea(
  props: Omit<BaseProps, "hint"> & {
    value?: string;
    rows?: number;
    /** A hint may quote a text in another language, so it takes markup. */
    hint?: ComponentChildren;
    /** The language of the value, when it is not the page's (a translation being written). */
    lang?: string;
  },
) {
  const { ctx, id, name, label, hint, error, value, rows = 5, lang } = props;
  return (
    <FieldFrame ctx={ctx} id={id} label={label} hint={hint} error={error}>
      <textarea id={id} name={name} rows={rows} lang={lang} aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? "true" : undefined}>
        {value ?? ""}
      </textarea>
    </FieldFrame>
  );
}

/**
 * Summary of a form's errors at the top of the page; each item links to its field. In a long form the message alone
 * ("Enter a value") does not say which field it is about, so an item may carry the field's `label`.
 */
export function ErrorSummary({ ctx, errors }: { ctx: PageContext; errors: Array<{ href: string; message: Message; label?: string }> }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>{ctx.t("common.error_summary_title")}</h2>
      <ul>
        {errors.map((e) => (
          <li>
            <a href={e.href}>
              {e.label && `${e.label}${ctx.t("common.colon")} `}
              {say(ctx, e.message)}
            </a>
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
