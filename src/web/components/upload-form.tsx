// A form that uploads a file: multipart, its CSRF token in the action's address (the body is streamed to the route,
// not parsed before the check), and the hooks of /assets/upload-progress.js, which shows how much has been sent.
import type { ComponentChildren } from "preact";
import type { PageContext } from "../context.ts";

export function UploadForm({ ctx, action, submitLabel, children }: { ctx: PageContext; action: string; submitLabel: string; children: ComponentChildren }) {
  const { t } = ctx;
  return (
    <form
      method="post"
      action={`${action}?_csrf=${encodeURIComponent(ctx.csrf())}`}
      enctype="multipart/form-data"
      class="upload-form"
      data-progress-title={t("upload.progress_title")}
      data-progress-label={t("upload.progress")}
      data-error-label={t("upload.failed")}
      novalidate
    >
      {children}
      <p class="upload-status" role="status" aria-live="polite"></p>
      <button type="submit" class="button">
        {submitLabel}
      </button>
    </form>
  );
}
