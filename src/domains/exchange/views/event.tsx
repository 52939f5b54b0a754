// An event of the network as the public sees it: its dates, place and description, the programme day by day with
// its speakers, and the materials published after it. The key facts, programme and materials serve the organisers'
// page too.
import type { ComponentChildren } from "preact";
import { formatDate } from "../../../i18n/index.ts";
import { CsrfField } from "../../../web/components/fields.tsx";
import { Localized, localizedString } from "../../../web/components/localized.tsx";
import type { PageContext } from "../../../web/context.ts";
import { Layout } from "../../../web/layout.tsx";
import type { EventView, MaterialRow, SessionView } from "../repo.ts";
import type { EventDetail } from "../service.ts";
import { SharingBadge } from "./common.tsx";
import { EventDates } from "./network.tsx";

/** A small form with one button (remove a session or a material), for the organisers' page. */
function RemoveButton({ ctx, action, label, name }: { ctx: PageContext; action: string; label: string; name: string }) {
  return (
    <form method="post" action={action} class="inline-form">
      <CsrfField ctx={ctx} />
      <button type="submit" class="link-button">
        {label}
        <span class="visually-hidden"> ({name})</span>
      </button>
    </form>
  );
}

/** The programme, one heading per day; `removeAction` adds a remove button to each session (organisers only). */
export function Programme({ ctx, sessions, level, removeAction }: { ctx: PageContext; sessions: SessionView[]; level: 3 | 4; removeAction?: (id: string) => string }) {
  const { t, lang } = ctx;
  if (!sessions.length) return <p class="empty-state">{t("exchange.events.no_programme")}</p>;
  const days = [...new Set(sessions.map((s) => s.day))];
  const Heading = level === 3 ? "h3" : "h4";
  return (
    <>
      {days.map((day) => (
        <>
          <Heading>
            <time datetime={day}>{formatDate(lang, day)}</time>
          </Heading>
          <ol class="programme">
            {sessions
              .filter((s) => s.day === day)
              .map((s) => (
                <li>
                  <time datetime={`${s.day}T${s.startsAt}`} class="programme-time">
                    {s.startsAt}
                  </time>{" "}
                  <strong>
                    <Localized ctx={ctx} text={s.title} />
                  </strong>
                  {s.speakers.length > 0 && (
                    <p class="programme-speakers">
                      {t("exchange.events.speakers")}
                      {t("common.colon")}{" "}
                      {s.speakers.map((p, i) => (
                        <>
                          {i > 0 && ", "}
                          {p.displayName} (<Localized ctx={ctx} text={p.organisationName} />)
                        </>
                      ))}
                    </p>
                  )}
                  {removeAction && <RemoveButton ctx={ctx} action={removeAction(s.id)} label={t("exchange.manage.remove_session")} name={localizedString(ctx, s.title)} />}
                </li>
              ))}
          </ol>
        </>
      ))}
    </>
  );
}

export function Materials({ ctx, materials, removeAction }: { ctx: PageContext; materials: MaterialRow[]; removeAction?: (id: string) => string }) {
  if (!materials.length) return <p class="empty-state">{ctx.t("exchange.events.no_materials")}</p>;
  return (
    <ul>
      {materials.map((m) => (
        <li>
          <a href={m.url} rel="noopener noreferrer">
            <Localized ctx={ctx} text={m.title} />
          </a>
          {removeAction && (
            <>
              {" "}
              <RemoveButton ctx={ctx} action={removeAction(m.id)} label={ctx.t("exchange.manage.remove_material")} name={localizedString(ctx, m.title)} />
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** An event's dates and place as key facts, then the facts the page adds (its organiser, or its sharing level). */
export function EventFacts({ ctx, event, children }: { ctx: PageContext; event: EventView; children: ComponentChildren }) {
  return (
    <dl class="key-facts">
      <div>
        <dt>{ctx.t("exchange.events.dates")}</dt>
        <dd>
          <EventDates ctx={ctx} startsOn={event.startsOn} endsOn={event.endsOn} />
        </dd>
      </div>
      <div>
        <dt>{ctx.t("exchange.event_form.place")}</dt>
        <dd>{event.place}</dd>
      </div>
      {children}
    </dl>
  );
}

export function EventPage({ ctx, detail }: { ctx: PageContext; detail: EventDetail }) {
  const { t, lang } = ctx;
  const { event } = detail;
  const title = localizedString(ctx, event.title);
  return (
    <Layout ctx={ctx} title={title}>
      <nav aria-label={t("common.breadcrumb")} class="breadcrumb">
        <ol>
          <li>
            <a href={`/${lang}/network`}>{t("exchange.network.title")}</a>
          </li>
          <li aria-current="page">{title}</li>
        </ol>
      </nav>
      <h1>
        <Localized ctx={ctx} text={event.title} />
      </h1>
      {event.sharing !== "public" && (
        <p>
          <SharingBadge ctx={ctx} sharing={event.sharing} />
        </p>
      )}
      <EventFacts ctx={ctx} event={event}>
        <div>
          <dt>{t("exchange.event_form.organiser")}</dt>
          <dd>
            <Localized ctx={ctx} text={event.organisationName} /> ({t(`countries.${event.country}`)})
          </dd>
        </div>
      </EventFacts>
      {detail.canEdit && (
        <p>
          <a href={`/${lang}/workspace/events/${event.id}`}>{t("exchange.events.manage")}</a>
        </p>
      )}
      <Localized ctx={ctx} text={event.description} block />
      <h2>{t("exchange.events.programme")}</h2>
      <Programme ctx={ctx} sessions={detail.sessions} level={3} />
      <h2>{t("exchange.events.materials")}</h2>
      <Materials ctx={ctx} materials={detail.materials} />
    </Layout>
  );
}
