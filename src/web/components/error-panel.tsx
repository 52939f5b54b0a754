// A problem that is not about one field (a file that cannot be read, a job that failed), said from its stable error
// id: `errors.<id>.title` and `.detail`, under the page's own heading when one is given.
import type { PageContext } from "../context.ts";

export interface ErrorRef {
  id: string;
  params: Record<string, string | number>;
}

export function ErrorPanel({ ctx, error, heading }: { ctx: PageContext; error: ErrorRef; heading?: string }) {
  const title = ctx.t(`errors.${error.id}.title`, error.params);
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      {heading ? (
        <>
          <h2>{heading}</h2>
          <p>
            <strong>{title}</strong>
          </p>
        </>
      ) : (
        <h2>{title}</h2>
      )}
      <p>{ctx.t(`errors.${error.id}.detail`, error.params)}</p>
    </div>
  );
}
