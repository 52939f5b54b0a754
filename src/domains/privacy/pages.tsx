// The workspace's dataset pages: the list and the upload (multipart, streamed to disk), one dataset with its scan,
// operators, preview and protection, the download of the protected file; and the status the progress bar reads.
import fs from "node:fs";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { requireWorkspaceUser, type UserActor } from "../../http/auth.ts";
import { AppError, errors } from "../../http/errors.ts";
import { sendHtml } from "../../http/render.ts";
import type { AppScope } from "../../http/types.ts";
import { languages, type Lang } from "../../i18n/languages.ts";
import type { Services } from "../../services.ts";
import { localizedString } from "../../web/components/localized.tsx";
import { pageContext } from "../../web/context.ts";
import { formErrors, noErrors, type FormErrors } from "../../web/form.ts";
import { choicesFromConfig, configFromForm, suggestedChoices, type OperatorChoice } from "./form.ts";
import type { DatasetView } from "./service.ts";
import { datasetStates } from "./tables.ts";
import { DatasetPage } from "./views/dataset.tsx";
import { DatasetList } from "./views/datasets.tsx";

const Lang = z.enum(languages);
const ListParams = z.object({ lang: Lang });
const DatasetParams = z.object({ lang: Lang, datasetId: z.uuid() });
const page = { hide: true } as const;

export function registerDatasetPages(app: AppScope, { datasets, organisations, config }: Services) {
  async function renderList(request: FastifyRequest, reply: FastifyReply, lang: Lang, actor: UserActor, refused?: { error: AppError; values: { organisation?: string; title?: string } }) {
    const ctx = pageContext(lang, request, reply);
    const uploadable = datasets.uploadableOrganisations(actor);
    const list = await datasets.list(actor);
    const names = await organisations.getOrganisations([...new Set([...uploadable, ...list.map((d) => d.organisationId)])]);
    const field = refused?.error.fields[0];
    const error = refused && {
      field: field?.path === "title" ? ("title" as const) : field?.path === "organisation" ? ("organisation" as const) : ("file" as const),
      message: field ? { key: field.message, params: field.params } : { key: `errors.${refused.error.id}.detail`, params: refused.error.params },
    };
    return sendHtml(
      reply,
      <DatasetList
        ctx={ctx}
        datasets={list}
        organisations={[...names.values()].map((o) => ({ id: o.id, name: localizedString(ctx, o.name) }))}
        uploadLimit={config.uploadLimit}
        error={error}
        values={refused?.values}
      />,
      refused ? refused.error.status : 200,
    );
  }

  function renderDataset(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    view: DatasetView,
    form: { domain: string; choices?: OperatorChoice[]; errors?: FormErrors; problem?: AppError; preview?: { header: string[]; rows: string[][] } },
  ) {
    const { dataset } = view;
    const choices =
      form.choices ?? (dataset.scan ? (dataset.config ? choicesFromConfig(dataset.scan, dataset.config) : suggestedChoices(dataset.scan, datasets.hasKey)) : []);
    const errors = form.errors ?? noErrors;
    return sendHtml(
      reply,
      <DatasetPage
        ctx={pageContext(lang, request, reply)}
        view={view}
        hasKey={datasets.hasKey}
        keyId={datasets.keyId}
        domain={form.domain}
        choices={choices}
        errors={errors}
        problem={form.problem && { id: form.problem.id, params: form.problem.params }}
        preview={form.preview}
      />,
      errors.summary.length || form.problem ? (form.problem?.status ?? 400) : 200,
    );
  }

  /** Runs `work` with the posted operators; a wrong configuration shows the page again with what was chosen. */
  async function withOperators(request: FastifyRequest, reply: FastifyReply, lang: Lang, actor: UserActor, id: string, work: (config: unknown) => Promise<FastifyReply | { header: string[]; rows: string[][] }>) {
    const view = await datasets.get(actor, id);
    if (!view.dataset.scan) throw errors.conflict("dataset_wrong_state", { state: view.dataset.state });
    const { domain, choices, config } = configFromForm(view.dataset.scan, request.body);
    try {
      const outcome = await work(config);
      if ("header" in outcome) return renderDataset(request, reply, lang, view, { domain, choices, preview: outcome });
      return outcome;
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
      // The domain is the form's one text field; any other problem is about the choices as a whole.
      const domainProblems = error.fields.filter((f) => f.path === "domain").map((f) => ({ field: "domain", message: f.message }));
      if (domainProblems.length) return renderDataset(request, reply, lang, view, { domain, choices, errors: formErrors(domainProblems, ["domain"]) });
      return renderDataset(request, reply, lang, view, { domain, choices, problem: error });
    }
  }

  app.get("/:lang/workspace/datasets", { schema: { ...page, params: ListParams } }, async (request, reply) => {
    const { lang } = request.params;
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return reply;
    return renderList(request, reply, lang, actor);
  });

  app.post("/:lang/workspace/datasets", { schema: { ...page, params: ListParams } }, async (request, reply) => {
    const { lang } = request.params;
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return reply;
    if (!request.isMultipart()) throw new AppError("unsupported_media_type", 415);
    const file = await request.file();
    const field = (name: string) => {
      const value = (file?.fields[name] as { value?: unknown } | undefined)?.value;
      return typeof value === "string" ? value : "";
    };
    const values = { organisation: field("organisation"), title: field("title") };
    try {
      if (!file || !file.filename) throw new AppError("upload_missing", 400);
      const dataset = await datasets.upload(actor, { organisationId: values.organisation, title: values.title, fileName: file.filename, stream: file.file });
      return reply.redirect(`/${lang}/workspace/datasets/${dataset.id}`, 303);
    } catch (error) {
      if (error instanceof AppError && error.status < 500) return renderList(request, reply, lang, actor, { error, values });
      throw error;
    }
  });

  app.get("/:lang/workspace/datasets/:datasetId", { schema: { ...page, params: DatasetParams } }, async (request, reply) => {
    const { lang, datasetId } = request.params;
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return reply;
    const view = await datasets.get(actor, datasetId);
    return renderDataset(request, reply, lang, view, { domain: view.dataset.config?.domain ?? "" });
  });

  app.post("/:lang/workspace/datasets/:datasetId/preview", { schema: { ...page, params: DatasetParams } }, async (request, reply) => {
    const { lang, datasetId } = request.params;
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return reply;
    return withOperators(request, reply, lang, actor, datasetId, (config) => datasets.preview(actor, datasetId, config));
  });

  app.post("/:lang/workspace/datasets/:datasetId/protect", { schema: { ...page, params: DatasetParams } }, async (request, reply) => {
    const { lang, datasetId } = request.params;
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return reply;
    return withOperators(request, reply, lang, actor, datasetId, async (config) => {
      await datasets.protect(actor, datasetId, config);
      return reply.redirect(`/${lang}/workspace/datasets/${datasetId}`, 303);
    });
  });

  app.get("/:lang/workspace/datasets/:datasetId/protected", { schema: { ...page, params: DatasetParams } }, async (request, reply) => {
    const { lang, datasetId } = request.params;
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return reply;
    const { path, file } = await datasets.protectedFile(actor, datasetId);
    return reply
      .type(file.format === "parquet" ? "application/vnd.apache.parquet" : "text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="${file.name.replace(/[^a-zA-Z0-9._-]/g, "-")}"`)
      .send(fs.createReadStream(path));
  });

  app.post("/:lang/workspace/datasets/:datasetId/discard", { schema: { ...page, params: DatasetParams } }, async (request, reply) => {
    const { lang, datasetId } = request.params;
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return reply;
    await datasets.discard(actor, datasetId);
    return reply.redirect(`/${lang}/workspace/datasets`, 303);
  });

  app.get(
    "/api/v1/datasets/:datasetId/status",
    {
      schema: {
        tags: ["datasets"],
        summary: "Where a dataset's scan or protection is",
        description: "The organisation's editors, data protection officer and administrators, with a token or a session.",
        params: z.object({ datasetId: z.uuid() }),
        security: [{ bearer: [] }],
        response: {
          200: z.object({ id: z.uuid(), state: z.enum(datasetStates), progress: z.object({ phase: z.string(), fraction: z.number().nullable() }).nullable() }),
        },
      },
    },
    async (request) => {
      if (request.actor.kind !== "user") throw new AppError("api_token_required", 401);
      const { dataset, progress } = await datasets.get(request.actor, request.params.datasetId);
      return { id: dataset.id, state: dataset.state, progress };
    },
  );
}
