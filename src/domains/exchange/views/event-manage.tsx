// An event as its organisers manage it: its details, the programme with a form to add a session (day, time, title,
// speakers chosen among the network's members), and the materials with a form to add one. Each form shows its
// errors at the top of the page and keeps what was typed.
import { CheckboxesField, CsrfField, ErrorSummary, TextField } from "../../../web/components/fields.tsx";
import { Localized, localizedString } from "../../../web/components/localized.tsx";
import type { PageContext } from "../../../web/context.ts";
import type { FormErrors } from "../../../web/form.ts";
import { Layout } from "../../../web/layout.tsx";
import type { LocalizedText } from "../../systems/schema.ts";
import { Breadcrumb } from "../../systems/views/workspace/common.tsx";
import type { MemberView } from "../repo.ts";
import type { EventDetail } from "../service.ts";
import { SharingBadge, TitleInLanguages } from "./common.tsx";
import { EventFacts, Materials, Programme } from "./event.tsx";

export interface SessionFormValues {
  day?: string;
  startsAt?: string;
  title: LocalizedText;
  speakers: string[];
}

export interface MaterialFormValues {
  title: LocalizedText;
  url?: string;
}

interface Props {
  ctx: PageContext;
  detail: EventDetail;
  members: MemberView[];
  session?: { values: SessionFormValues; errors: FormErrors };
  material?: { values: MaterialFormValues; errors: FormErrors };
  done?: "created" | "saved" | "session_added" | "session_removed" | "material_added" | "material_removed";
}

export function EventManagePage({ ctx, detail, members, session, material, done }: Props) {
  const { t, lang } = ctx;
  const { event } = detail;
  const base = `/${lang}/workspace/events/${event.id}`;
  const title = localizedString(ctx, event.title);
  const summary = [...(session?.errors.summary ?? []), ...(material?.errors.summary ?? [])];
  const s = session?.errors.fields ?? {};
  const m = material?.errors.fields ?? {};
  return (
    <Layout ctx={ctx} title={title} hasErrors={summary.length > 0}>
      <Breadcrumb ctx={ctx} trail={[{ href: `/${lang}/workspace/events`, label: t("exchange.workspace_events.title") }, { label: title }]} />
      <ErrorSummary ctx={ctx} errors={summary} />
      {done && (
        <div class="notice success-notice" role="status">
          <p>{t(`exchange.manage.done_${done}`)}</p>
        </div>
      )}
      <h1>
        <Localized ctx={ctx} text={event.title} />
      </h1>
      <EventFacts ctx={ctx} event={event}>
        <div>
          <dt>{t("exchange.form.sharing")}</dt>
          <dd>
            <SharingBadge ctx={ctx} sharing={event.sharing} />
          </dd>
        </div>
      </EventFacts>
      <ul class="link-list">
        <li>
          <a href={`${base}/edit`}>{t("exchange.manage.edit_details")}</a>
        </li>
        <li>
          <a href={`/${lang}/network/events/${event.id}`}>{t("exchange.manage.view_public")}</a>
        </li>
      </ul>

      <h2>{t("exchange.events.programme")}</h2>
      <Programme ctx={ctx} sessions={detail.sessions} level={3} removeAction={(id) => `${base}/sessions/${id}/remove`} />
      <form method="post" action={`${base}/sessions`} novalidate class="record-form" aria-labelledby="add-session">
        <h3 id="add-session">{t("exchange.manage.add_session")}</h3>
        <CsrfField ctx={ctx} />
        <TextField ctx={ctx} id="session-day" name="day" type="date" label={t("exchange.manage.day")} hint={t("exchange.form.date_hint")} value={session?.values.day} error={s.day} />
        <TextField
          ctx={ctx}
          id="session-startsAt"
          name="startsAt"
          inputMode="numeric"
          label={t("exchange.manage.starts_at")}
          hint={t("exchange.manage.starts_at_hint")}
          value={session?.values.startsAt}
          error={s.startsAt}
        />
        <TitleInLanguages ctx={ctx} prefix="session" value={session?.values.title ?? {}} error={s.title} />
        {members.length > 0 ? (
          <CheckboxesField
            ctx={ctx}
            id="session-speakers"
            name="speakers"
            legend={`${t("exchange.events.speakers")} ${t("workspace.optional")}`}
            hint={t("exchange.manage.speakers_hint")}
            values={session?.values.speakers ?? []}
            error={s.speakers}
            options={members.map((p) => ({ value: p.id, label: `${p.displayName} (${localizedString(ctx, p.organisationName)})` }))}
          />
        ) : (
          <p class="hint">{t("exchange.manage.no_members")}</p>
        )}
        <button type="submit" class="button">
          {t("exchange.manage.add_session_submit")}
        </button>
      </form>

      <h2>{t("exchange.events.materials")}</h2>
      <Materials ctx={ctx} materials={detail.materials} removeAction={(id) => `${base}/materials/${id}/remove`} />
      <form method="post" action={`${base}/materials`} novalidate class="record-form" aria-labelledby="add-material">
        <h3 id="add-material">{t("exchange.manage.add_material")}</h3>
        <CsrfField ctx={ctx} />
        <TitleInLanguages ctx={ctx} prefix="material" value={material?.values.title ?? {}} error={m.title} />
        <TextField
          ctx={ctx}
          id="material-url"
          name="url"
          type="url"
          spellcheck={false}
          label={t("exchange.manage.url")}
          hint={t("exchange.form.link_hint")}
          value={material?.values.url}
          error={m.url}
        />
        <button type="submit" class="button">
          {t("exchange.manage.add_material_submit")}
        </button>
      </form>
    </Layout>
  );
}
