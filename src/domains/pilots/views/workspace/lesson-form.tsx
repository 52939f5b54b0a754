// A lesson learned in a pilot: its texts in one language at a time, tags, its sharing level (never wider than the
// pilot's), and for a new lesson of someone who contributes for more than one organisation, which one writes it.
import type { Lang } from "../../../../i18n/languages.ts";
import { CsrfField, SelectField, TextField } from "../../../../web/components/fields.tsx";
import type { PageContext } from "../../../../web/context.ts";
import { missingCounts } from "../../../../web/form-body.ts";
import { SharingField, TextsInLanguage } from "../../../exchange/views/common.tsx";
import type { Sharing } from "../../../exchange/sharing.ts";
import type { LocalizedText } from "../../../systems/schema.ts";
import { LanguageTabs } from "../../../systems/views/workspace/fields.tsx";
import { lessonTexts, type FormProblems, type LessonFormValues } from "../../form.ts";
import { FormButtons, pilotPage, PilotFormFrame, sharingWords, workspacePilots } from "./common.tsx";

interface Props {
  ctx: PageContext;
  pilot: { id: string; title: LocalizedText; sharing: Sharing };
  lessonId?: string;
  /** The organisations a new lesson may be written for (the choice is offered when there is more than one). */
  organisations: Array<{ id: string; name: string }>;
  editing: Lang;
  values: LessonFormValues;
  problems: FormProblems;
}

export function LessonFormPage({ ctx, pilot, lessonId, organisations, editing, values, problems }: Props) {
  const { t, lang } = ctx;
  const base = `${workspacePilots(lang)}/${pilot.id}/lessons/${lessonId ? `${lessonId}/edit` : "new"}`;
  const e = problems.fields;
  const language = t(`languages.${editing}`);
  return (
    <PilotFormFrame ctx={ctx} pilot={pilot} heading={t(lessonId ? "pilots.form.lesson_edit_title" : "pilots.form.lesson_new_title")} problems={problems}>
      <p>{t("pilots.form.editing_intro", { language })}</p>
      <LanguageTabs ctx={ctx} current={editing} href={(l) => `${base}?language=${l}`} missing={missingCounts(lessonTexts.map((name) => values[name]))} />
      <form method="post" action={`${base}?language=${editing}`} novalidate class="record-form">
        <CsrfField ctx={ctx} />
        {!lessonId && organisations.length > 1 && (
          <SelectField
            ctx={ctx}
            id="organisationId"
            name="organisationId"
            label={t("pilots.form.lesson_organisation")}
            value={values.organisationId}
            error={e.organisationId}
            emptyLabel={t("pilots.form.choose")}
            options={organisations.map((o) => ({ value: o.id, label: o.name }))}
          />
        )}
        <TextsInLanguage
          ctx={ctx}
          editing={editing}
          values={Object.fromEntries(lessonTexts.map((name) => [name, values[name]]))}
          errors={e}
          specs={lessonTexts.map((name) => ({ name, label: t(`pilots.form.lesson_fields.${name}`), multiline: name !== "title", rows: 4 }))}
        />
        <TextField ctx={ctx} id="tags" name="tags" label={`${t("pilots.form.tags")} ${t("workspace.optional")}`} hint={t("pilots.form.tags_hint")} value={values.tags} error={e.tags} />
        <SharingField
          ctx={ctx}
          value={values.sharing}
          error={e.sharing}
          hint={t("pilots.form.lesson_sharing_hint", { sharing: t(`pilots.sharing.${pilot.sharing}`) })}
          {...sharingWords(ctx)}
        />
        <FormButtons ctx={ctx} back={pilotPage(lang, pilot.id)} />
      </form>
    </PilotFormFrame>
  );
}
