// The controls of a record's form, drawn from the section's field list: one language's texts at a time (the others
// travel as hidden fields), repeated fieldsets for lists with "add" and "remove" buttons that work without scripts.
import { languages, type Lang } from "../../../../i18n/languages.ts";
import { CheckboxesField, HiddenField, SelectField, TextArea, TextField } from "../../../../web/components/fields.tsx";
import type { PageContext } from "../../../../web/context.ts";
import { controlId, controlName, labelKey, recordPath, type FieldErrorView, type FieldSpec } from "../../sections.ts";

export interface FormState {
  ctx: PageContext;
  /** The language whose texts the form edits. */
  lang: Lang;
  /** Errors by control id. */
  errors: Map<string, FieldErrorView>;
}

type Values = Record<string, unknown> | undefined;
type Path = Array<string | number>;

const get = (values: unknown, key: string): unknown =>
  values && typeof values === "object" ? (values as Record<string, unknown>)[key] : undefined;
const str = (value: unknown): string => (typeof value === "string" ? value : "");

/** The label of a field, marked "(optional)" when the record can be without it. */
function fieldLabel(state: FormState, path: Path, optional: boolean): string {
  const label = state.ctx.t(labelKey(path));
  return optional ? `${label} ${state.ctx.t("workspace.optional")}` : label;
}

function hintOf(state: FormState, path: Path): string | undefined {
  return state.ctx.t(labelKey(path).replace("workspace.labels.", "workspace.hints."), { defaultValue: "" }) || undefined;
}

/** Quotes the text of another language beside an empty or machine-translated one, for whoever translates it. */
function SourceText({ state, value }: { state: FormState; value: unknown }) {
  const source = languages.find((l) => l !== state.lang && str(get(get(value, l), "text")));
  if (!source) return null;
  const text = str(get(get(value, source), "text"));
  return (
    <span class="source-text">
      {state.ctx.t("workspace.source_text", { language: state.ctx.t(`languages.${source}`) })}{" "}
      <q lang={source}>{text.length > 300 ? `${text.slice(0, 300)}…` : text}</q>
    </span>
  );
}

function LocalizedControl({ state, field, path, value }: { state: FormState; field: Extract<FieldSpec, { kind: "localized" }>; path: Path; value: unknown }) {
  const { ctx, lang } = state;
  const entry = get(value, lang);
  const text = str(get(entry, "text"));
  const status = str(get(entry, "status")) || "authored";
  const language = ctx.t(`languages.${lang}`);
  const label = `${fieldLabel(state, path, !field.required)} (${language})`;
  const hint = hintOf(state, path);
  const missing = text === "";
  const textId = controlId([...path, lang]);
  const statusId = controlId([...path, lang, "status"]);
  return (
    <div class={`localized-field${missing ? " is-missing" : ""}`}>
      {field.multiline ? (
        <TextArea
          ctx={ctx}
          id={textId}
          name={controlName([...path, lang, "text"])}
          label={label}
          lang={lang}
          value={text}
          rows={5}
          error={state.errors.get(textId)?.message}
          hint={
            hint || missing || status === "machine" ? (
              <>
                {hint && <span>{hint} </span>}
                {missing && <strong class="missing-tag">{ctx.t("workspace.missing_in", { language })} </strong>}
                {(missing || status === "machine") && <SourceText state={state} value={value} />}
              </>
            ) : undefined
          }
        />
      ) : (
        <TextField
          ctx={ctx}
          id={textId}
          name={controlName([...path, lang, "text"])}
          label={label}
          lang={lang}
          value={text}
          error={state.errors.get(textId)?.message}
          hint={[hint, missing ? ctx.t("workspace.missing_in", { language }) : ""].filter(Boolean).join(" ") || undefined}
        />
      )}
      <SelectField
        ctx={ctx}
        id={statusId}
        name={controlName([...path, lang, "status"])}
        label={ctx.t("workspace.translation_status", { field: ctx.t(labelKey(path)), language })}
        value={status}
        error={state.errors.get(statusId)?.message}
        options={(["authored", "machine"] as const).map((s) => ({ value: s, label: ctx.t(`workspace.statuses.${s}`) }))}
      />
      {languages
        .filter((other) => other !== lang && get(value, other))
        .map((other) => (
          <>
            <HiddenField name={controlName([...path, other, "text"])} value={str(get(get(value, other), "text"))} />
            <HiddenField name={controlName([...path, other, "status"])} value={str(get(get(value, other), "status")) || "authored"} />
          </>
        ))}
    </div>
  );
}

function Control({ state, field, path, values }: { state: FormState; field: FieldSpec; path: Path; values: Values }) {
  const { ctx } = state;
  const value = get(values, field.key);
  const id = controlId(path);
  const error = state.errors.get(id)?.message;
  switch (field.kind) {
    case "localized":
      return <LocalizedControl state={state} field={field} path={path} value={value} />;
    case "text":
      return (
        <TextField
          ctx={ctx}
          id={id}
          name={controlName(path)}
          label={fieldLabel(state, path, !field.required)}
          hint={hintOf(state, path) ?? (field.input === "date" ? ctx.t("workspace.date_hint") : undefined)}
          type={field.input === "date" ? "text" : (field.input ?? "text")}
          spellcheck={field.input === "url" || field.input === "email" || field.input === "date" ? false : undefined}
          autocomplete="off"
          value={str(value)}
          error={error}
        />
      );
    case "select":
      return (
        <SelectField
          ctx={ctx}
          id={id}
          name={controlName(path)}
          label={fieldLabel(state, path, false)}
          hint={hintOf(state, path)}
          value={str(value)}
          error={error}
          emptyLabel={str(value) ? undefined : ctx.t("workspace.choose")}
          options={field.options.map((o) => ({ value: o, label: ctx.t(`${field.labels}.${o}`) }))}
        />
      );
    case "tags":
      return (
        <TextField
          ctx={ctx}
          id={id}
          name={controlName(path)}
          label={fieldLabel(state, path, true)}
          hint={hintOf(state, path)}
          value={Array.isArray(value) ? value.filter((v) => typeof v === "string").join(", ") : str(value)}
          error={error}
        />
      );
    case "flags":
      return (
        <CheckboxesField
          ctx={ctx}
          id={id}
          name={controlName(path)}
          legend={fieldLabel(state, path, true)}
          hint={hintOf(state, path)}
          error={error}
          values={field.options.filter((o) => get(values, o) === true)}
          options={field.options.map((o) => ({ value: o, label: ctx.t(labelKey([...path.slice(0, -1), o])) }))}
        />
      );
    case "group": {
      const hint = hintOf(state, path);
      return (
        <fieldset class="field-group">
          <legend>{ctx.t(labelKey(path))}</legend>
          {hint && <p class="hint">{hint}</p>}
          <Fields state={state} fields={field.fields} values={value as Values} prefix={path} />
        </fieldset>
      );
    }
    case "list": {
      const items = Array.isArray(value) ? value : [];
      const noun = recordPath(path).filter((p) => typeof p === "string").join("_");
      return (
        <fieldset class="field-group field-list">
          <legend>{ctx.t(labelKey(path))}</legend>
          {items.length === 0 && <p class="hint">{ctx.t(`workspace.lists.${noun}.empty`)}</p>}
          {items.map((item, index) => (
            <fieldset class="list-item">
              <legend>{ctx.t(`workspace.lists.${noun}.item`, { number: index + 1 })}</legend>
              <Fields state={state} fields={field.fields} values={item as Values} prefix={[...path, index]} />
              <button type="submit" class="button button-secondary" name="_action" value={`remove:${controlName([...path, index])}`}>
                {ctx.t(`workspace.lists.${noun}.remove`, { number: index + 1 })}
              </button>
            </fieldset>
          ))}
          {items.length < field.max && (
            <button type="submit" class="button button-secondary" name="_action" value={`add:${controlName(path)}`}>
              {ctx.t(items.length === 0 ? `workspace.lists.${noun}.add_first` : `workspace.lists.${noun}.add`)}
            </button>
          )}
        </fieldset>
      );
    }
  }
}

export function Fields({ state, fields, values, prefix = [] }: { state: FormState; fields: FieldSpec[]; values: Values; prefix?: Path }) {
  return (
    <>
      {fields.map((field) => (
        <Control state={state} field={field} path={[...prefix, field.key]} values={values} />
      ))}
    </>
  );
}

/** The tabs that choose the language of the texts being edited, with how many texts each language lacks. */
export function LanguageTabs({ ctx, current, href, missing }: { ctx: PageContext; current: Lang; href: (lang: Lang) => string; missing: Record<Lang, number> }) {
  return (
    <nav class="language-tabs" aria-label={ctx.t("workspace.language_tabs")}>
      <ul>
        {languages.map((lang) => (
          <li>
            <a href={href(lang)} aria-current={lang === current ? "page" : undefined}>
              {ctx.t(`languages.${lang}`)}
              {missing[lang] > 0 && <span class="tab-count"> {ctx.t("workspace.missing_count", { count: missing[lang] })}</span>}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The form's default button, first in the form: pressing Enter in a field saves, rather than pressing the first
 * "add" or "remove" button. Hidden from view and from assistive technology, which reach the visible Save button.
 */
export function DefaultSaveButton({ ctx }: { ctx: PageContext }) {
  return (
    <button type="submit" name="_action" value="save" class="visually-hidden" tabIndex={-1} aria-hidden="true">
      {ctx.t("workspace.edit.save")}
    </button>
  );
}
