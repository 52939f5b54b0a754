// A pilot's page, cut by the service to what the reader may see: its state, participants by country, controlled frame,
// systems under test, milestones, indicators with their charts, final evaluation with the register's evidence,
// lessons learned, contacts, and what the other country did; with links to the workspace for the reader's actions.
import type { ComponentChildren } from "preact";
import { formatDate } from "../../../i18n/index.ts";
import { Localized, localizedString } from "../../../web/components/localized.tsx";
import type { PageContext } from "../../../web/context.ts";
import { Layout } from "../../../web/layout.tsx";
import type { PracticeItem } from "../../exchange/service.ts";
import { countries, type Country } from "../../exchange/sharing.ts";
import { LanguageNames, Tags } from "../../exchange/views/common.tsx";
import type { OrganisationView } from "../../systems/present.ts";
import type { LocalizedText } from "../../systems/schema.ts";
import type { LessonRow } from "../repo.ts";
import { lessonLanguages, type PilotView } from "../service.ts";
import { Day, dateRange, SectorAndDates, SharingBadge, StateBadge } from "./common.tsx";
import { Indicators } from "./kpis.tsx";
import { OtherCountryPanel, type Comparable } from "./other-country.tsx";

interface Props {
  ctx: PageContext;
  view: PilotView;
  /** Participating organisations, those of the contacts, lessons and comparable pilots, by id. */
  organisations: ReadonlyMap<string, OrganisationView>;
  otherCountry: Country;
  comparable: Comparable[];
  practices: PracticeItem[];
  /** Translation key of a message from the step before (a workspace form). */
  notice?: string;
  /** Today, YYYY-MM-DD: milestones due before it and not done are overdue. */
  today: string;
}

const stateSteps = ["approve", "start", "evaluate", "scale_up", "stop"] as const;
const finished = new Set(["evaluated", "scaled_up", "stopped"]);

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={`${id}-heading`} class="record-section" id={id}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

export function PilotPage({ ctx, view, organisations, otherCountry, comparable, practices, notice, today }: Props) {
  const { t, lang } = ctx;
  const { pilot, actions } = view;
  const workspace = `/${lang}/workspace/pilots/${pilot.id}`;
  const may = (action: (typeof actions)[number]) => actions.includes(action);
  const orgName = (id: string) => <Localized ctx={ctx} text={organisations.get(id)?.name} />;
  const title = localizedString(ctx, pilot.title);
  const links = [
    may("edit") && { href: `${workspace}/edit`, label: t("pilots.page.actions.edit") },
    stateSteps.some(may) && { href: `${workspace}/state`, label: t("pilots.page.actions.state") },
    may("edit") && { href: `${workspace}/milestones/new`, label: t("pilots.page.actions.milestone") },
    may("edit") && { href: `${workspace}/indicators/new`, label: t("pilots.page.actions.indicator") },
    may("write_lesson") && { href: `${workspace}/lessons/new`, label: t("pilots.page.actions.lesson") },
  ].filter((link) => link !== false);
  return (
    <Layout ctx={ctx} title={title}>
      <nav aria-label={t("common.breadcrumb")} class="breadcrumb">
        <ol>
          <li>
            <a href={`/${lang}/pilots`}>{t("pilots.public.title")}</a>
          </li>
          <li aria-current="page">{title}</li>
        </ol>
      </nav>
      {notice && (
        <div class="success-notice" role="status">
          <p>{t(notice)}</p>
        </div>
      )}
      <p>
        <StateBadge ctx={ctx} state={pilot.state} />{" "}
        <SharingBadge ctx={ctx} sharing={pilot.sharing} />
      </p>
      <h1>
        <Localized ctx={ctx} text={pilot.title} />
      </h1>
      <div class="lead">
        <Localized ctx={ctx} text={pilot.summary} block />
      </div>
      {links.length > 0 && (
        <nav aria-label={t("pilots.page.actions.label")}>
          <ul class="actions">
            {links.map((link) => (
              <li>
                <a class="button button-secondary" href={link.href}>
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <dl class="key-facts">
        <div>
          <dt>{t("pilots.page.state")}</dt>
          <dd>{t(`pilots.states.${pilot.state}`)}</dd>
        </div>
        <SectorAndDates ctx={ctx} pilot={pilot} />
        <div>
          <dt>{t("pilots.page.lead")}</dt>
          <dd>{orgName(pilot.leadOrganisationId)}</dd>
        </div>
        <div>
          <dt>{t("pilots.page.sharing")}</dt>
          <dd>{t(`pilots.sharing.${pilot.sharing}`)}</dd>
        </div>
        <div>
          <dt>{t("pilots.page.tags")}</dt>
          <dd>
            <Tags ctx={ctx} tags={pilot.tags} />
          </dd>
        </div>
      </dl>
      {(pilot.state === "stopped" || pilot.state === "scaled_up") && pilot.stateReason && (
        <div class="notice" role="note">
          <h2>{t(`pilots.page.reason_${pilot.state}`)}</h2>
          <Localized ctx={ctx} text={pilot.stateReason} block />
        </div>
      )}

      <Section id="participants" title={t("pilots.page.participants")}>
        {countries.map((country) => {
          const here = pilot.participants.filter((p) => organisations.get(p.organisationId)?.country === country);
          if (!here.length) return null;
          return (
            <>
              <h3>{t(`countries.${country}`)}</h3>
              <ul>
                {here.map((p) => (
                  <li>
                    {orgName(p.organisationId)} — {t(`pilots.page.roles.${p.role}`)}
                  </li>
                ))}
              </ul>
            </>
          );
        })}
      </Section>

      <Section id="frame" title={t("pilots.page.frame.title")}>
        <p>{t("pilots.page.frame.intro")}</p>
        <dl class="definition-list">
          {(
            [
              ["scope", pilot.frame.scope],
              ["population", pilot.frame.population],
              ["data_sharing_basis", pilot.frame.dataSharingBasis],
              ["safeguards", pilot.frame.safeguards],
              ["exit_criteria", pilot.frame.exitCriteria],
            ] as Array<[string, LocalizedText]>
          ).map(([key, text]) => (
            <>
              <dt>{t(`pilots.page.frame.${key}`)}</dt>
              <dd>
                <Localized ctx={ctx} text={text} block />
              </dd>
            </>
          ))}
          <dt>{t("pilots.page.frame.duration")}</dt>
          <dd>{dateRange(ctx, pilot.startsOn, pilot.endsOn)}</dd>
          <dt>{t("pilots.page.frame.supervising_authority")}</dt>
          <dd>{pilot.frame.supervisingAuthority}</dd>
        </dl>
      </Section>

      <Section id="systems" title={t("pilots.page.systems.title")}>
        {view.systems.length === 0 ? (
          <p>{t("pilots.page.systems.none")}</p>
        ) : (
          <ul>
            {view.systems.map((system) => (
              <li>
                {system.published ? (
                  <a href={`/${lang}/systems/${system.id}`}>
                    <Localized ctx={ctx} text={system.name} />
                  </a>
                ) : (
                  <>
                    <Localized ctx={ctx} text={system.name} /> ({t("pilots.page.systems.unpublished")})
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="milestones" title={t("pilots.page.milestones.title")}>
        {view.milestones.length === 0 ? (
          <p>{t("pilots.page.milestones.none")}</p>
        ) : (
          <table class="table">
            <caption>{t("pilots.page.milestones.caption", { pilot: title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("pilots.page.milestones.milestone")}</th>
                <th scope="col">{t("pilots.page.milestones.due")}</th>
                <th scope="col">{t("pilots.page.milestones.status")}</th>
                {may("edit") && (
                  <th scope="col">
                    <span class="visually-hidden">{t("pilots.page.milestones.actions")}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {view.milestones.map((m) => (
                <tr>
                  <th scope="row">
                    <Localized ctx={ctx} text={m.title} />
                  </th>
                  <td>
                    <Day ctx={ctx} value={m.dueOn} />
                  </td>
                  <td>
                    {m.doneOn ? (
                      t("pilots.page.milestones.done_on", { date: formatDate(lang, m.doneOn) })
                    ) : m.dueOn < today ? (
                      <strong class="overdue">{t("pilots.page.milestones.overdue")}</strong>
                    ) : (
                      t("pilots.page.milestones.planned")
                    )}
                  </td>
                  {may("edit") && (
                    <td>
                      <a href={`${workspace}/milestones/${m.id}/edit`}>
                        {t("pilots.page.milestones.edit")}
                        <span class="visually-hidden"> {localizedString(ctx, m.title)}</span>
                      </a>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section id="indicators" title={t("pilots.page.indicators")}>
        <Indicators ctx={ctx} pilotId={pilot.id} indicators={view.indicators} measurements={view.measurements} canEdit={may("edit")} canMeasure={may("measure")} />
      </Section>

      {finished.has(pilot.state) && (
        <Section id="evaluation" title={t("pilots.page.evaluation.title")}>
          {pilot.evaluation ? <Localized ctx={ctx} text={pilot.evaluation} block /> : <p>{t("pilots.page.evaluation.none")}</p>}
          <h3>{t("pilots.page.evaluation.evidence")}</h3>
          <Evidence ctx={ctx} systems={view.systems} />
        </Section>
      )}

      <Section id="lessons" title={t("pilots.page.lessons.title")}>
        {view.lessons.length === 0 ? (
          <p>{t("pilots.page.lessons.none")}</p>
        ) : (
          view.lessons.map((lesson) => {
            // A lesson stays with the organisation that wrote it: only its contributors edit it.
            const editable = may("write_lesson") && view.contributesAs.includes(lesson.organisationId);
            return <Lesson ctx={ctx} lesson={lesson} organisation={orgName(lesson.organisationId)} editHref={editable ? `${workspace}/lessons/${lesson.id}/edit` : undefined} />;
          })
        )}
      </Section>

      <Section id="contacts" title={t("pilots.page.contacts.title")}>
        {view.contacts.length === 0 ? (
          <p>{t("pilots.page.contacts.none")}</p>
        ) : (
          <ul>
            {view.contacts.map((c) => (
              <li>
                {c.displayName}, {c.position} — {orgName(c.organisationId)}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <OtherCountryPanel ctx={ctx} country={otherCountry} comparable={comparable} practices={practices} organisations={organisations} />
    </Layout>
  );
}

/** The register's evidence on the systems tested: their published bias audits and approved assessments. */
function Evidence({ ctx, systems }: { ctx: PageContext; systems: PilotView["systems"] }) {
  const { t, lang } = ctx;
  const items = systems.flatMap((system) => [
    ...system.audits.map((audit) => (
      <li>
        <a href={`/${lang}/systems/${system.id}/audits/${audit.id}`}>{t("pilots.page.evaluation.audit", { title: audit.title })}</a>
        {audit.publishedAt && <> ({t("pilots.page.evaluation.published_on", { date: formatDate(lang, audit.publishedAt) })})</>} —{" "}
        <Localized ctx={ctx} text={system.name} />
      </li>
    )),
    ...system.assessments.map((assessment) => (
      <li>
        {system.published ? (
          <a href={`/${lang}/systems/${system.id}`}>
            <Localized ctx={ctx} text={assessment.instrument.title} />
          </a>
        ) : (
          <Localized ctx={ctx} text={assessment.instrument.title} />
        )}{" "}
        ({t("pilots.page.evaluation.approved_on", { date: formatDate(lang, assessment.approvedAt) })}){t("common.colon")} <Localized ctx={ctx} text={assessment.outcome.label} /> —{" "}
        <Localized ctx={ctx} text={system.name} />
      </li>
    )),
  ]);
  return items.length ? <ul>{items}</ul> : <p>{t("pilots.page.evaluation.evidence_none")}</p>;
}

function Lesson({ ctx, lesson, organisation, editHref }: { ctx: PageContext; lesson: LessonRow; organisation: ComponentChildren; editHref?: string }) {
  const { t } = ctx;
  return (
    <article id={`lesson-${lesson.id}`} class="lesson" aria-labelledby={`lesson-${lesson.id}-heading`}>
      <h3 id={`lesson-${lesson.id}-heading`}>
        <Localized ctx={ctx} text={lesson.title} />
      </h3>
      {lesson.sharing !== "public" && (
        <p>
          <SharingBadge ctx={ctx} sharing={lesson.sharing} />
        </p>
      )}
      {(
        [
          ["context", lesson.context],
          ["what_worked", lesson.whatWorked],
          ["what_did_not", lesson.whatDidNot],
          ["recommendation", lesson.recommendation],
        ] as Array<[string, LocalizedText]>
      ).map(([key, text]) => (
        <>
          <h4>{t(`pilots.page.lessons.${key}`)}</h4>
          <Localized ctx={ctx} text={text} block />
        </>
      ))}
      <dl class="result-meta">
        <div>
          <dt>{t("pilots.page.lessons.organisation")}</dt>
          <dd>{organisation}</dd>
        </div>
        <div>
          <dt>{t("exchange.available_in")}</dt>
          <dd>
            <LanguageNames ctx={ctx} list={lessonLanguages(lesson)} />
          </dd>
        </div>
        <div>
          <dt>{t("pilots.page.tags")}</dt>
          <dd>
            <Tags ctx={ctx} tags={lesson.tags} />
          </dd>
        </div>
      </dl>
      {editHref && (
        <p>
          <a href={editHref}>{t("pilots.page.lessons.edit", { title: localizedString(ctx, lesson.title) })}</a>
        </p>
      )}
    </article>
  );
}
