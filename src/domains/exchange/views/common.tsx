// Pieces the exchange's and the pilots' pages share: badges for sharing and kind, the languages a text is available
// in, the list filters by country and sector, the form controls for texts in several languages and for the sharing
// level, and a form edited one language at a time.
import type { ComponentChildren } from "preact";
import { languages, type Lang } from "../../../i18n/languages.ts";
import { CsrfField, HiddenField, RadiosField, SelectField, TextArea, TextField, type Message } from "../../../web/components/fields.tsx";
import { FilterSelect } from "../../../web/components/filters.tsx";
import type { PageContext } from "../../../web/context.ts";
import type { FormErrors } from "../../../web/form.ts";
import { missingCounts } from "../../../web/form-body.ts";
import type { LocalizedText } from "../../systems/schema.ts";
import { LanguageTabs } from "../../systems/views/workspace/fields.tsx";
import { countries, sectors, sharingLevels, type Sharing } from "../sharing.ts";

export function SharingBadge({ ctx, sharing }: { ctx: PageContext; sharing: Sharing }) {
  return <strong class={`badge sharing-${sharing}`}>{ctx.t(`exchange.sharing.${sharing}`)}</strong>;
}

export function KindBadge({ ctx, kind }: { ctx: PageContext; kind: string }) {
  return <span class="badge">{ctx.t(`exchange.kinds.${kind}`)}</span>;
}

/** "French, English": the languages a text can be read in, each named in the page's language. */
export function LanguageNames({ ctx, list }: { ctx: PageContext; list: readonly string[] }) {
  if (!list.length) return <>{ctx.t("common.not_provided")}</>;
  return <>{list.map((lang) => ctx.t(`exchange.spoken.${lang}`)).join(", ")}</>;
}

export function Tags({ ctx, tags }: { ctx: PageContext; tags: string[] }) {
  if (!tags.length) return <>{ctx.t("common.not_provided")}</>;
  return (
    <ul class="tags">
      {tags.map((tag) => (
        <li>{tag}</li>
      ))}
    </ul>
  );
}

type FacetProps = { ctx: PageContext; label: string; anyLabel: string; value?: string };

/** A list's filter by country; `label` says whose country it is (the organisation's, a pilot's lead's). */
export function CountryFacet(props: FacetProps) {
  return <FilterSelect {...props} name="country" options={countries.map((c) => ({ value: c, label: props.ctx.t(`countries.${c}`) }))} />;
}

/** A list's filter by sector. */
export function SectorFacet(props: FacetProps) {
  return <FilterSelect {...props} name="sector" options={sectors.map((s) => ({ value: s, label: props.ctx.t(`exchange.sectors.${s}`) }))} />;
}

/**
 * The sharing level as radio buttons, each saying who will see the record. A record with participating organisations
 * (a pilot, a lesson) names the levels and says what each means for it in `labels` and `hints`, and may add a `hint`
 * to the group.
 */
export function SharingField(props: { ctx: PageContext; value?: string; error?: Message; hint?: string; labels?: Record<Sharing, string>; hints?: Record<Sharing, string> }) {
  const { ctx, value, error, hint, labels, hints } = props;
  return (
    <RadiosField
      ctx={ctx}
      id="sharing"
      name="sharing"
      legend={ctx.t("exchange.form.sharing")}
      hint={hint}
      value={value ?? "participants"}
      error={error}
      options={sharingLevels.map((level) => ({ value: level, label: labels?.[level] ?? ctx.t(`exchange.sharing.${level}`), hint: hints?.[level] ?? ctx.t(`exchange.sharing_hints.${level}`) }))}
    />
  );
}

export interface TextSpec {
  name: string;
  label: string;
  multiline?: boolean;
  rows?: number;
}

/**
 * Long texts in the language being edited, each with a note when it is not written yet in that language; the other
 * languages' texts and statuses travel as hidden fields. A control's id is `${name}-${lang}`.
 */
export function TextsInLanguage(props: {
  ctx: PageContext;
  editing: Lang;
  specs: TextSpec[];
  values: Record<string, LocalizedText>;
  errors: Record<string, Message>;
  /** The group's legend, when the form has more than one group of texts ("Texts in French" otherwise). */
  legend?: string;
}) {
  const { ctx, editing, specs, values, errors, legend } = props;
  const language = ctx.t(`languages.${editing}`);
  return (
    <fieldset class="field-group">
      <legend>{legend ?? ctx.t("exchange.form.texts_in", { language })}</legend>
      {specs.map((spec) => {
        const value = values[spec.name] ?? {};
        const current = value[editing]?.text ?? "";
        const source = languages.find((l) => l !== editing && value[l]?.text);
        const hint = current ? undefined : source ? ctx.t("exchange.form.missing_with_source", { language, source: ctx.t(`languages.${source}`) }) : undefined;
        const common = { ctx, id: `${spec.name}-${editing}`, name: `${spec.name}.${editing}`, label: `${spec.label} (${language})`, lang: editing, value: current, error: errors[spec.name] };
        return (
          <>
            {spec.multiline ? <TextArea {...common} rows={spec.rows ?? 5} hint={hint} /> : <TextField {...common} hint={hint} />}
            {languages
              .filter((other) => other !== editing && value[other])
              .map((other) => (
                <>
                  <HiddenField name={`${spec.name}.${other}`} value={value[other]!.text} />
                  <HiddenField name={`${spec.name}.${other}.status`} value={value[other]!.status} />
                </>
              ))}
          </>
        );
      })}
    </fieldset>
  );
}

/**
 * A short title typed in each language at once, the page's language first; at least one is needed. Its controls are
 * named `${name}.${lang}` ("title" unless told) and their ids are `${prefix}-${name}-${lang}`.
 */
export function TitleInLanguages(props: { ctx: PageContext; prefix: string; value: LocalizedText; error?: Message; name?: string; legend?: string }) {
  const { ctx, prefix, value, error, name = "title", legend } = props;
  const order = [ctx.lang, ...languages.filter((l) => l !== ctx.lang)];
  return (
    <fieldset class="field-group" aria-describedby={`${prefix}-${name}-hint`}>
      <legend>{legend ?? ctx.t("exchange.form.title")}</legend>
      <p class="hint" id={`${prefix}-${name}-hint`}>
        {ctx.t("exchange.form.title_languages_hint")}
      </p>
      {order.map((lang, index) => (
        <TextField
          ctx={ctx}
          id={`${prefix}-${name}-${lang}`}
          name={`${name}.${lang}`}
          label={ctx.t(`languages.${lang}`)}
          lang={lang}
          value={value[lang]?.text}
          error={index === 0 ? error : undefined}
        />
      ))}
    </fieldset>
  );
}

/** What a record's form is for: a new record, with the organisations it may belong to, or the record being edited. */
export type FormTarget = { kind: "new"; organisations: Array<{ id: string; name: string }> } | { kind: "edit"; id: string; name: string };

/** A record's form page: what it is for, the language being edited, the values typed and their errors. */
export interface RecordFormProps<Values> {
  ctx: PageContext;
  target: FormTarget;
  editing: Lang;
  values: Values;
  errors: FormErrors;
}

/** The choice of organisation that opens a new record's form (none when editing), for `FormInLanguage`. */
export function organisationChoice(target: FormTarget, label: string, value: string | undefined, error: Message | undefined) {
  return target.kind === "new" ? { label, value, error, options: target.organisations.map((o) => ({ value: o.id, label: o.name })) } : undefined;
}

/**
 * A record's form whose texts are written one language at a time: a sentence naming the language (`intro`), the
 * language tabs (each saying how many of `texts` it lacks), then the form, posting to `${action}?language=…` with its
 * CSRF token. A new record's form asks first for the `organisation` it belongs to.
 */
export function FormInLanguage(props: {
  ctx: PageContext;
  action: string;
  editing: Lang;
  intro: string;
  texts: LocalizedText[];
  organisation?: { label: string; hint?: string; value?: string; error?: Message; options: Array<{ value: string; label: string }> };
  children: ComponentChildren;
}) {
  const { ctx, action, editing, intro, texts, organisation, children } = props;
  return (
    <>
      <p>{intro}</p>
      <LanguageTabs ctx={ctx} current={editing} href={(l) => `${action}?language=${l}`} missing={missingCounts(texts)} />
      <form method="post" action={`${action}?language=${editing}`} novalidate class="record-form">
        <CsrfField ctx={ctx} />
        {organisation && <SelectField ctx={ctx} id="organisationId" name="organisationId" {...organisation} />}
        {children}
      </form>
    </>
  );
}
