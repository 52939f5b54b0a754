// A system's public page in plain language: what it decides, on what data, who answers for it, how to contest.
import type { ComponentChildren } from "preact";
import { formatDate, formatNumber } from "../../../i18n/index.ts";
import { Localized, localizedString } from "../../../web/components/localized.tsx";
import type { PageContext } from "../../../web/context.ts";
import { Layout } from "../../../web/layout.tsx";
import type { PublishedSystem } from "../present.ts";
import { isNonPublicSection, type LocalizedText } from "../schema.ts";

/** An assessment of the system approved in Gäichel's workspace (assessments domain). */
export interface ApprovedAssessment {
  title: LocalizedText;
  version: string;
  outcome: LocalizedText;
  explanation: LocalizedText;
  approvedAt: Date;
}

interface Props {
  ctx: PageContext;
  system: PublishedSystem;
  /** The newest version, when this page shows an older one. */
  latestVersion: number;
  approvedAssessments?: ApprovedAssessment[];
  /** Bias audits published for this system (audits domain). */
  publishedAudits?: PublishedAuditLink[];
}

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={`${id}-heading`} class="record-section">
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

/** A titled text, left out when the record does not have it. */
function TextItem({ ctx, label, text }: { ctx: PageContext; label: string; text: LocalizedText | undefined }) {
  if (!text) return null;
  return (
    <div class="text-item">
      <h3>{label}</h3>
      <Localized ctx={ctx} text={text} block />
    </div>
  );
}

function ExternalLink({ href, children }: { href: string; children: ComponentChildren }) {
  return (
    <a href={href} rel="noopener noreferrer external">
      {children}
    </a>
  );
}

/** A published bias audit, as the system's page links to it. */
export interface PublishedAuditLink {
  id: string;
  title: string;
  publishedAt: Date;
  decisions: number;
}

export function SystemDetailPage({ ctx, system, latestVersion, approvedAssessments = [], publishedAudits = [] }: Props) {
  const { t, lang } = ctx;
  const r = system.record;
  const base = `/${lang}/systems/${system.id}`;
  const restricted = isNonPublicSection(r.riskClass);
  const date = (d: Date | string) => (
    <time datetime={typeof d === "string" ? d : d.toISOString()}>{formatDate(lang, d)}</time>
  );
  const reviewOverdue = r.nextReviewDue !== undefined && r.nextReviewDue < new Date().toISOString().slice(0, 10);
  return (
    <Layout ctx={ctx} title={localizedString(ctx, r.name)}>
      <nav aria-label={t("common.breadcrumb")} class="breadcrumb">
        <ol>
          <li>
            <a href={`/${lang}/`}>{t("nav.home")}</a>
          </li>
          <li>
            <a href={`/${lang}/systems`}>{t("nav.systems")}</a>
          </li>
          <li aria-current="page">{localizedString(ctx, r.name)}</li>
        </ol>
      </nav>
      {system.version !== latestVersion && (
        <div class="notice" role="note">
          <p>
            {t("system.old_version", { version: system.version, latest: latestVersion })}{" "}
            <a href={base}>{t("system.see_latest")}</a>
          </p>
        </div>
      )}
      {system.retiredAt && (
        <div class="notice" role="note">
          <p>{t("system.retired_notice", { date: formatDate(lang, system.retiredAt) })}</p>
        </div>
      )}
      <h1>
        <Localized ctx={ctx} text={r.name} />
      </h1>
      <div class="lead">
        <Localized ctx={ctx} text={r.summary} block />
      </div>

      <dl class="key-facts">
        <div>
          <dt>{t("systems.fields.organisation")}</dt>
          <dd>
            <a href={`/${lang}/organisations/${system.organisation.id}`}>
              <Localized ctx={ctx} text={system.organisation.name} />
            </a>{" "}
            ({t(`countries.${system.organisation.country}`)})
          </dd>
        </div>
        <div>
          <dt>{t("systems.fields.status")}</dt>
          <dd>{t(`phases.${r.status.phase}`)}</dd>
        </div>
        <div>
          <dt>{t("systems.fields.risk_class")}</dt>
          <dd>
            {t(`risk.${r.riskClass.class}`)}
            {r.riskClass.annexIIIPoint && <> · {t("system.annex_iii_point", { point: r.riskClass.annexIIIPoint })}</>}
          </dd>
        </div>
        <div>
          <dt>{t("systems.fields.theme")}</dt>
          <dd>{t(`themes.${r.classification.theme}`)}</dd>
        </div>
        <div>
          <dt>{t("systems.fields.automation")}</dt>
          <dd>{t(`automation.${r.automation}`)}</dd>
        </div>
        <div>
          <dt>{t("systems.fields.version")}</dt>
          <dd>
            {t("system.version_of", { version: system.version, latest: latestVersion })} ·{" "}
            <a href={`${base}/history`}>{t("system.history_link")}</a>
          </dd>
        </div>
        <div>
          <dt>{t("systems.fields.first_published")}</dt>
          <dd>{date(system.firstPublishedAt)}</dd>
        </div>
        <div>
          <dt>{t("systems.fields.updated")}</dt>
          <dd>{date(system.publishedAt)}</dd>
        </div>
        {r.nextReviewDue && (
          <div>
            <dt>{t("systems.fields.next_review")}</dt>
            <dd>
              {date(r.nextReviewDue)}
              {reviewOverdue && <strong class="overdue"> {t("system.review_overdue")}</strong>}
            </dd>
          </div>
        )}
      </dl>

      {restricted && (
        <div class="notice" role="note">
          <p>{t("system.withheld_notice")}</p>
        </div>
      )}

      <Section id="decides" title={t("system.sections.decides")}>
        <TextItem ctx={ctx} label={t("systems.fields.purpose")} text={r.purpose} />
        <TextItem ctx={ctx} label={t("systems.fields.decision_process")} text={r.decisionProcess} />
        <TextItem ctx={ctx} label={t("systems.fields.justification")} text={r.justification} />
        <TextItem ctx={ctx} label={t("systems.fields.scale")} text={r.scale} />
        {r.classification.tags.length > 0 && (
          <div class="text-item">
            <h3>{t("systems.fields.tags")}</h3>
            <ul class="tags">
              {r.classification.tags.map((tag) => (
                <li>
                  <a href={`/${lang}/systems?q=${encodeURIComponent(tag)}`}>{tag}</a>
                </li>
              ))}
            </ul>
          </div>
        )}
      </Section>

      <Section id="contest" title={t("system.sections.contest")}>
        <TextItem ctx={ctx} label={t("systems.fields.redress")} text={r.redress} />
        <TextItem ctx={ctx} label={t("systems.fields.human_review")} text={r.humanReview} />
        <div class="text-item">
          <h3>{t("systems.fields.contact")}</h3>
          <ul>
            {r.contact.email && (
              <li>
                <a href={`mailto:${r.contact.email}`}>{r.contact.email}</a>
              </li>
            )}
            {r.contact.url && (
              <li>
                <ExternalLink href={r.contact.url}>{r.contact.url}</ExternalLink>
              </li>
            )}
          </ul>
        </div>
      </Section>

      {!restricted && (
        <>
          <Section id="data" title={t("system.sections.data")}>
            {r.data.length === 0 ? (
              <p>{t("common.not_provided")}</p>
            ) : (
              r.data.map((d) => (
                <div class="text-item">
                  <h3>
                    <Localized ctx={ctx} text={d.name} /> <span class="badge">{t(`data_kinds.${d.kind}`)}</span>
                  </h3>
                  {d.description && <Localized ctx={ctx} text={d.description} block />}
                  {d.sensitiveAttributes && (
                    <p>
                      <strong>{t("systems.fields.sensitive_attributes")}{t("common.colon")}</strong>{" "}
                      <Localized ctx={ctx} text={d.sensitiveAttributes} />
                    </p>
                  )}
                  {d.collection && (
                    <p>
                      <strong>{t("systems.fields.collection")}{t("common.colon")}</strong> <Localized ctx={ctx} text={d.collection} />
                    </p>
                  )}
                  {d.storage && (
                    <p>
                      <strong>{t("systems.fields.storage")}{t("common.colon")}</strong> <Localized ctx={ctx} text={d.storage} />
                    </p>
                  )}
                  {d.sharingAgreements && (
                    <p>
                      <strong>{t("systems.fields.sharing")}{t("common.colon")}</strong> <Localized ctx={ctx} text={d.sharingAgreements} />
                    </p>
                  )}
                  {d.url && (
                    <p>
                      <ExternalLink href={d.url}>{t("system.more_about_data")}</ExternalLink>
                    </p>
                  )}
                </div>
              ))
            )}
          </Section>

          <Section id="accountable" title={t("system.sections.accountable")}>
            <TextItem ctx={ctx} label={t("systems.fields.team")} text={r.accountability.team} />
            <TextItem ctx={ctx} label={t("systems.fields.senior_role")} text={r.accountability.seniorResponsibleRole} />
            {r.thirdParties.length > 0 && (
              <div class="text-item">
                <h3>{t("systems.fields.third_parties")}</h3>
                <ul>
                  {r.thirdParties.map((p) => (
                    <li>
                      <strong>{p.name}</strong> ({t(`third_party_roles.${p.role}`)}
                      {p.companyNumber && <>, {p.companyNumber}</>})
                      {p.description && (
                        <>
                          {" "}
                          – <Localized ctx={ctx} text={p.description} />
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {r.legalBases.length > 0 && (
              <div class="text-item">
                <h3>{t("systems.fields.legal_bases")}</h3>
                <ul>
                  {r.legalBases.map((b) => (
                    <li>
                      {b.url ? (
                        <ExternalLink href={b.url}>
                          <Localized ctx={ctx} text={b.title} />
                        </ExternalLink>
                      ) : (
                        <Localized ctx={ctx} text={b.title} />
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </Section>

          <Section id="works" title={t("system.sections.works")}>
            <TextItem ctx={ctx} label={t("systems.fields.technical_description")} text={r.technicalDescription} />
            {r.models.map((m) => (
              <div class="text-item">
                <h3>
                  {t("systems.fields.model")}{t("common.colon")} {m.name}
                  {m.version && <> ({m.version})</>}
                </h3>
                {m.task && <Localized ctx={ctx} text={m.task} block />}
                {m.architecture && (
                  <p>
                    <strong>{t("systems.fields.architecture")}{t("common.colon")}</strong> <Localized ctx={ctx} text={m.architecture} />
                  </p>
                )}
                {m.performance && (
                  <p>
                    <strong>{t("systems.fields.performance")}{t("common.colon")}</strong> <Localized ctx={ctx} text={m.performance} />
                  </p>
                )}
              </div>
            ))}
            <TextItem ctx={ctx} label={t("systems.fields.maintenance")} text={r.maintenance} />
          </Section>

          <Section id="risks" title={t("system.sections.risks")}>
            {r.assessments.length > 0 && (
              <div class="text-item">
                <h3>{t("systems.fields.assessments")}</h3>
                <ul>
                  {r.assessments.map((a) => (
                    <li>
                      <strong>{t(`assessment_kinds.${a.kind}`)}</strong>
                      {a.date && <> ({date(a.date)})</>}
                      {a.outcome && (
                        <>
                          : <Localized ctx={ctx} text={a.outcome} />
                        </>
                      )}
                      {a.summary && <Localized ctx={ctx} text={a.summary} block />}
                      {a.notDoneReason && (
                        <p>
                          {t("system.assessment_not_done")}{t("common.colon")} <Localized ctx={ctx} text={a.notDoneReason} />
                        </p>
                      )}
                      {a.url && <ExternalLink href={a.url}>{t("system.read_assessment")}</ExternalLink>}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {approvedAssessments.length > 0 && (
              <div class="text-item" id="approved-assessments">
                <h3>{t("system.approved_assessments")}</h3>
                <ul>
                  {approvedAssessments.map((a) => (
                    <li>
                      <strong>
                        <Localized ctx={ctx} text={a.title} />
                      </strong>{" "}
                      ({t("system.assessment_approved_on", { date: formatDate(lang, a.approvedAt), version: a.version })}){t("common.colon")}{" "}
                      <Localized ctx={ctx} text={a.outcome} />
                      <Localized ctx={ctx} text={a.explanation} block />
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {publishedAudits.length > 0 && (
              <div class="text-item" id="bias-audits">
                <h3>{t("audits.on_system_page")}</h3>
                <p>{t("audits.on_system_page_intro")}</p>
                <ul>
                  {publishedAudits.map((a) => (
                    <li>
                      <a href={`/${lang}/systems/${system.id}/audits/${a.id}`}>{a.title}</a> ({formatDate(lang, a.publishedAt)} · {t("audits.decisions")}
                      {t("common.colon")} {formatNumber(lang, a.decisions)})
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {r.risks.length === 0 && r.assessments.length === 0 && approvedAssessments.length === 0 && publishedAudits.length === 0 && <p>{t("common.not_provided")}</p>}
            {r.risks.map((risk) => (
              <div class="text-item">
                <h3>
                  <Localized ctx={ctx} text={risk.name} />
                </h3>
                <Localized ctx={ctx} text={risk.description} block />
                {risk.mitigation && (
                  <p>
                    <strong>{t("systems.fields.mitigation")}{t("common.colon")}</strong> <Localized ctx={ctx} text={risk.mitigation} />
                  </p>
                )}
              </div>
            ))}
          </Section>

          {(r.publicUrl || r.links.sourceCode || r.links.processingRecord || r.euDatabaseUrl) && (
            <Section id="links" title={t("system.sections.links")}>
              <ul>
                {r.publicUrl && (
                  <li>
                    <ExternalLink href={r.publicUrl}>{t("systems.fields.public_url")}</ExternalLink>
                  </li>
                )}
                {r.links.sourceCode && (
                  <li>
                    <ExternalLink href={r.links.sourceCode}>{t("systems.fields.source_code")}</ExternalLink>
                  </li>
                )}
                {r.links.processingRecord && (
                  <li>
                    <ExternalLink href={r.links.processingRecord}>{t("systems.fields.processing_record")}</ExternalLink>
                  </li>
                )}
                {r.euDatabaseUrl && (
                  <li>
                    <ExternalLink href={r.euDatabaseUrl}>{t("systems.fields.eu_database")}</ExternalLink>
                  </li>
                )}
              </ul>
            </Section>
          )}
        </>
      )}

      <Section id="reuse" title={t("system.sections.reuse")}>
        <ul>
          <li>
            <a href={`/api/v1/systems/${system.id}?lang=${lang}`} type="application/json">
              {t("system.export_json")}
            </a>
          </li>
          <li>
            <a href={`/api/v1/systems/${system.id}/export/atrs?lang=${lang}`} type="application/json">
              {t("system.export_atrs")}
            </a>
          </li>
          <li>
            <a href={`/api/v1/systems/${system.id}/export/nl?lang=${lang}`} type="application/json">
              {t("system.export_nl")}
            </a>
          </li>
          <li>
            <a href={`/api/v1/systems/${system.id}/export/aia-annex-viii-c?lang=${lang}`} type="application/json">
              {t("system.export_aia")}
            </a>
          </li>
        </ul>
        <p class="stable-id">
          {t("system.stable_id")}{t("common.colon")} <code>{system.id}</code>
          {system.formerIds.length > 0 && <> · {t("system.former_ids")}{t("common.colon")} {system.formerIds.join(", ")}</>}
        </p>
      </Section>
    </Layout>
  );
}
