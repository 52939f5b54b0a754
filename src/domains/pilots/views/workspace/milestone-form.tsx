// A milestone of a pilot: its title in each language at once, the date it is due and the date it was done.
import { CsrfField, TextField } from "../../../../web/components/fields.tsx";
import type { PageContext } from "../../../../web/context.ts";
import { TitleInLanguages } from "../../../exchange/views/common.tsx";
import type { LocalizedText } from "../../../systems/schema.ts";
import type { FormProblems, MilestoneFormValues } from "../../form.ts";
import { FormButtons, pilotPage, PilotFormFrame, workspacePilots } from "./common.tsx";

interface Props {
  ctx: PageContext;
  pilot: { id: string; title: LocalizedText };
  /** The milestone being edited, or absent for a new one. */
  milestoneId?: string;
  values: MilestoneFormValues;
  problems: FormProblems;
}

export function MilestoneFormPage({ ctx, pilot, milestoneId, values, problems }: Props) {
  const { t, lang } = ctx;
  const action = `${workspacePilots(lang)}/${pilot.id}/milestones/${milestoneId ? `${milestoneId}/edit` : "new"}`;
  const e = problems.fields;
  return (
    <PilotFormFrame ctx={ctx} pilot={pilot} heading={t(milestoneId ? "pilots.form.milestone_edit_title" : "pilots.form.milestone_new_title")} problems={problems}>
      <form method="post" action={action} novalidate class="record-form">
        <CsrfField ctx={ctx} />
        <TitleInLanguages ctx={ctx} prefix="milestone" value={values.title} error={e.title} legend={t("pilots.form.milestone")} />
        <TextField ctx={ctx} id="dueOn" name="dueOn" type="date" label={t("pilots.form.due_on")} hint={t("pilots.form.date_hint")} value={values.dueOn} error={e.dueOn} />
        <TextField
          ctx={ctx}
          id="doneOn"
          name="doneOn"
          type="date"
          label={`${t("pilots.form.done_on")} ${t("workspace.optional")}`}
          hint={t("pilots.form.done_on_hint")}
          value={values.doneOn}
          error={e.doneOn}
        />
        <FormButtons ctx={ctx} back={pilotPage(lang, pilot.id)} />
      </form>
    </PilotFormFrame>
  );
}
