// The form of a pilot in the workspace: its texts in one language at a time, sector and tags, the controlled frame and
// its dates, the sharing level, the other participating organisations (rows, two of them empty), the register systems
// it tests and its contacts among the network's listed people. Shown again with its errors and every value typed.
import type { Lang } from "../../../../i18n/languages.ts";
import { CheckboxesField, say, SelectField, TextField } from "../../../../web/components/fields.tsx";
import type { PageContext } from "../../../../web/context.ts";
import type { LocalizedText } from "../../../systems/schema.ts";
import { FormInLanguage, SharingField, TextsInLanguage } from "../../../exchange/views/common.tsx";
import { sectors } from "../../../exchange/sharing.ts";
import { emptyParticipantRows, frameTexts, type FormProblems, type PilotFormValues } from "../../form.ts";
import { FormButtons, pilotPage, PilotFormFrame, sharingWords, workspacePilots } from "./common.tsx";

export interface Choice {
  id: string;
  label: string;
}

interface Props {
  ctx: PageContext;
  /** A new pilot (with the organisations that may lead it), or the pilot being edited. */
  target: { kind: "new"; organisations: Choice[] } | { kind: "edit"; pilot: { id: string; title: LocalizedText } };
  editing: Lang;
  values: PilotFormValues;
  problems: FormProblems;
  /** Every organisation of the platform, the published register systems, and the listed people of the participants. */
  choices: { organisations: Choice[]; systems: Choice[]; contacts: Choice[] };
}

export function PilotFormPage({ ctx, target, editing, values, problems, choices }: Props) {
  const { t, lang } = ctx;
  const base = target.kind === "new" ? `${workspacePilots(lang)}/new` : `${workspacePilots(lang)}/${target.pilot.id}/edit`;
  const heading = t(target.kind === "new" ? "pilots.form.new_title" : "pilots.form.edit_title");
  const e = problems.fields;
  const language = t(`languages.${editing}`);
  const rows = [...values.participants, ...Array.from({ length: emptyParticipantRows }, () => ({ organisationId: "", role: "partner" }))];
  const texts = [values.title, values.summary, ...frameTexts.map((name) => values.frame[name])];
  return (
    <PilotFormFrame ctx={ctx} pilot={target.kind === "edit" ? target.pilot : undefined} heading={heading} problems={problems}>
      <FormInLanguage
        ctx={ctx}
        action={base}
        editing={editing}
        intro={t("pilots.form.editing_intro", { language })}
        texts={texts}
        organisation={
          target.kind === "new"
            ? {
                label: t("pilots.form.lead"),
                hint: t("pilots.form.lead_hint"),
                value: values.organisationId,
                error: e.organisationId,
                options: target.organisations.map((o) => ({ value: o.id, label: o.label })),
              }
            : undefined
        }
      >
        <TextsInLanguage
          ctx={ctx}
          editing={editing}
          values={{ title: values.title, summary: values.summary }}
          errors={e}
          specs={[
            { name: "title", label: t("pilots.form.title") },
            { name: "summary", label: t("pilots.form.summary"), multiline: true, rows: 4 },
          ]}
        />
        <SelectField
          ctx={ctx}
          id="sector"
          name="sector"
          label={t("pilots.form.sector")}
          value={values.sector}
          error={e.sector}
          emptyLabel={t("pilots.form.choose")}
          options={sectors.map((s) => ({ value: s, label: t(`exchange.sectors.${s}`) }))}
        />
        <TextField ctx={ctx} id="tags" name="tags" label={`${t("pilots.form.tags")} ${t("workspace.optional")}`} hint={t("pilots.form.tags_hint")} value={values.tags} error={e.tags} />

        <h2>{t("pilots.form.frame")}</h2>
        <p>{t("pilots.form.frame_intro")}</p>
        <TextsInLanguage
          ctx={ctx}
          editing={editing}
          legend={t("pilots.form.frame_texts_in", { language })}
          values={Object.fromEntries(frameTexts.map((name) => [`frame.${name}`, values.frame[name]]))}
          errors={e}
          specs={frameTexts.map((name) => ({ name: `frame.${name}`, label: t(`pilots.form.frame_fields.${name}`), multiline: true, rows: 3 }))}
        />
        <TextField
          ctx={ctx}
          id="supervisingAuthority"
          name="frame.supervisingAuthority"
          label={t("pilots.form.frame_fields.supervisingAuthority")}
          hint={t("pilots.form.supervising_authority_hint")}
          value={values.frame.supervisingAuthority}
          error={e["frame.supervisingAuthority"]}
        />
        <TextField ctx={ctx} id="startsOn" name="startsOn" type="date" label={t("pilots.form.starts_on")} hint={t("pilots.form.date_hint")} value={values.startsOn} error={e.startsOn} />
        <TextField ctx={ctx} id="endsOn" name="endsOn" type="date" label={t("pilots.form.ends_on")} hint={t("pilots.form.date_hint")} value={values.endsOn} error={e.endsOn} />

        <h2>{t("pilots.form.sharing_and_participants")}</h2>
        <SharingField ctx={ctx} value={values.sharing} error={e.sharing} {...sharingWords(ctx)} />
        <div class={`field${e.participants ? " field-error" : ""}`}>
          <h3>{t("pilots.form.participants")}</h3>
          <p class="hint" id="participants-hint">
            {t("pilots.form.participants_hint")}
          </p>
          {e.participants && (
            <p class="error-message" id="participants-error">
              <span class="visually-hidden">{t("common.error_prefix")} </span>
              {say(ctx, e.participants)}
            </p>
          )}
          {rows.map((row, index) => (
            <fieldset class="field-group" aria-describedby={e.participants ? "participants-hint participants-error" : "participants-hint"}>
              <legend>{t("pilots.form.participant_n", { n: index + 1 })}</legend>
              <SelectField
                ctx={ctx}
                id={`participant-${index}-organisation`}
                name={`participants.${index}.organisationId`}
                label={t("pilots.form.participant_organisation")}
                value={row.organisationId}
                error={e[`participants.${index}.organisationId`]}
                emptyLabel={t("pilots.form.no_participant")}
                options={choices.organisations.map((o) => ({ value: o.id, label: o.label }))}
              />
              <SelectField
                ctx={ctx}
                id={`participant-${index}-role`}
                name={`participants.${index}.role`}
                label={t("pilots.form.participant_role")}
                value={row.role}
                error={e[`participants.${index}.role`]}
                options={(["partner", "observer"] as const).map((role) => ({ value: role, label: t(`pilots.form.roles.${role}`) }))}
              />
            </fieldset>
          ))}
        </div>

        <h2>{t("pilots.form.systems_and_contacts")}</h2>
        {choices.systems.length ? (
          <CheckboxesField
            ctx={ctx}
            id="systems"
            name="systems"
            legend={`${t("pilots.form.systems")} ${t("workspace.optional")}`}
            hint={t("pilots.form.systems_hint")}
            values={values.systems}
            error={e.systems}
            options={choices.systems.map((s) => ({ value: s.id, label: s.label }))}
          />
        ) : (
          <p>{t("pilots.form.no_systems")}</p>
        )}
        {choices.contacts.length ? (
          <CheckboxesField
            ctx={ctx}
            id="contacts"
            name="contacts"
            legend={`${t("pilots.form.contacts")} ${t("workspace.optional")}`}
            hint={t("pilots.form.contacts_hint")}
            values={values.contacts}
            error={e.contacts}
            options={choices.contacts.map((c) => ({ value: c.id, label: c.label }))}
          />
        ) : (
          <p>{t("pilots.form.no_contacts")}</p>
        )}
        <FormButtons ctx={ctx} back={target.kind === "new" ? workspacePilots(lang) : pilotPage(lang, target.pilot.id)} />
      </FormInLanguage>
    </PilotFormFrame>
  );
}
