// Pieces the pilots' workspace forms share: the breadcrumb through the pilot, the frame of a form page (title with
// "Error:", error summary, the pilot's name above the heading) and its buttons.
import type { ComponentChildren } from "preact";
import { ErrorSummary } from "../../../../web/components/fields.tsx";
import { FormActions } from "../../../../web/components/form-actions.tsx";
import { localizedString } from "../../../../web/components/localized.tsx";
import type { PageContext } from "../../../../web/context.ts";
import { Layout } from "../../../../web/layout.tsx";
import { sharingLevels, type Sharing } from "../../../exchange/sharing.ts";
import { Breadcrumb } from "../../../systems/views/workspace/common.tsx";
import type { LocalizedText } from "../../../systems/schema.ts";
import type { FormProblems } from "../../form.ts";

export const workspacePilots = (lang: string) => `/${lang}/workspace/pilots`;
export const pilotPage = (lang: string, id: string) => `/${lang}/pilots/${id}`;

/** A form about one pilot (or a new one when `pilot` is absent), under the workspace's pilots in the breadcrumb. */
export function PilotFormFrame(props: { ctx: PageContext; pilot?: { id: string; title: LocalizedText }; heading: string; problems: FormProblems; children: ComponentChildren }) {
  const { ctx, pilot, heading, problems, children } = props;
  const name = pilot && localizedString(ctx, pilot.title);
  const trail = [{ href: workspacePilots(ctx.lang), label: ctx.t("pilots.workspace.title") }, ...(pilot ? [{ href: pilotPage(ctx.lang, pilot.id), label: name! }] : []), { label: heading }];
  return (
    <Layout ctx={ctx} title={name ? `${heading} – ${name}` : heading} hasErrors={problems.summary.length > 0}>
      <Breadcrumb ctx={ctx} trail={trail} />
      <ErrorSummary ctx={ctx} errors={problems.summary} />
      {name && <p class="caption">{name}</p>}
      <h1>{heading}</h1>
      {children}
    </Layout>
  );
}

/** Save, and a way back without saving. */
export function FormButtons({ ctx, label, back }: { ctx: PageContext; label?: string; back: string }) {
  return <FormActions submitLabel={label ?? ctx.t("pilots.form.save")} cancelLabel={ctx.t("pilots.form.cancel")} back={back} />;
}

/** The sharing levels in the pilots' words: who each one lets read a pilot or a lesson. */
export function sharingWords(ctx: PageContext): { labels: Record<Sharing, string>; hints: Record<Sharing, string> } {
  const of = (prefix: string) => Object.fromEntries(sharingLevels.map((level) => [level, ctx.t(`${prefix}.${level}`)])) as Record<Sharing, string>;
  return { labels: of("pilots.sharing"), hints: of("pilots.form.sharing_hints") };
}
