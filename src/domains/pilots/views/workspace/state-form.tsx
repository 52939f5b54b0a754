// The change of a pilot's state: where it stands in its lifecycle, the steps open to the reader (with what each
// means), and the reason or the evaluation's outcomes some steps need, written in one language.
import type { Lang } from "../../../../i18n/languages.ts";
import { CsrfField, RadiosField, TextArea } from "../../../../web/components/fields.tsx";
import type { PageContext } from "../../../../web/context.ts";
import type { LocalizedText } from "../../../systems/schema.ts";
import { LanguageTabs } from "../../../systems/views/workspace/fields.tsx";
import type { FormProblems, TransitionFormValues } from "../../form.ts";
import { pilotStates, type PilotState } from "../../tables.ts";
import { FormButtons, pilotPage, PilotFormFrame, workspacePilots } from "./common.tsx";

interface Props {
  ctx: PageContext;
  pilot: { id: string; title: LocalizedText; state: PilotState };
  nextStates: PilotState[];
  editing: Lang;
  values: TransitionFormValues;
  problems: FormProblems;
}

/** The path a pilot follows; `stopped` may come at any point before it is scaled up. */
const path: PilotState[] = pilotStates.filter((s) => s !== "stopped");

export function StateFormPage({ ctx, pilot, nextStates, editing, values, problems }: Props) {
  const { t, lang } = ctx;
  const base = `${workspacePilots(lang)}/${pilot.id}/state`;
  const e = problems.fields;
  const language = t(`languages.${editing}`);
  const none = { fr: 0, nl: 0, de: 0, en: 0 };
  return (
    <PilotFormFrame ctx={ctx} pilot={pilot} heading={t("pilots.form.state_title")} problems={problems}>
      <p>{t("pilots.form.current_state", { state: t(`pilots.states.${pilot.state}`) })}</p>
      <h2>{t("pilots.form.lifecycle")}</h2>
      <ol class="lifecycle">
        {path.map((state) => (
          <li aria-current={state === pilot.state ? "step" : undefined}>
            {state === pilot.state ? <strong>{t("pilots.form.lifecycle_current", { state: t(`pilots.states.${state}`) })}</strong> : t(`pilots.states.${state}`)}
          </li>
        ))}
      </ol>
      <p>{t("pilots.form.lifecycle_stop")}</p>
      <h2>{t("pilots.form.change_state")}</h2>
      <p>{t("pilots.form.state_language_intro", { language })}</p>
      <LanguageTabs ctx={ctx} current={editing} href={(l) => `${base}?language=${l}`} missing={none} />
      <form method="post" action={`${base}?language=${editing}`} novalidate class="record-form">
        <CsrfField ctx={ctx} />
        <RadiosField
          ctx={ctx}
          id="to"
          name="to"
          legend={t("pilots.form.to")}
          value={values.to}
          error={e.to}
          options={nextStates.map((state) => ({ value: state, label: t(`pilots.states.${state}`), hint: t(`pilots.form.state_hints.${state}`) }))}
        />
        {nextStates.some((s) => s === "stopped" || s === "scaled_up") && (
          <TextArea
            ctx={ctx}
            id="reason"
            name="reason"
            lang={editing}
            label={`${t("pilots.form.reason")} (${language})`}
            hint={t("pilots.form.reason_hint")}
            value={values.reason}
            error={e.reason}
          />
        )}
        {nextStates.includes("evaluated") && (
          <TextArea
            ctx={ctx}
            id="evaluation"
            name="evaluation"
            lang={editing}
            rows={8}
            label={`${t("pilots.form.evaluation")} (${language})`}
            hint={t("pilots.form.evaluation_hint")}
            value={values.evaluation}
            error={e.evaluation}
          />
        )}
        <FormButtons ctx={ctx} label={t("pilots.form.change_state_button")} back={pilotPage(lang, pilot.id)} />
      </form>
    </PilotFormFrame>
  );
}
