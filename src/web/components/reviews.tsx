// What reviewers said about a record or an assessment, newest first: decision, who, when, comment.
import { formatDate } from "../../i18n/index.ts";
import type { PageContext } from "../context.ts";

export interface Review {
  decision: "approved" | "returned";
  comment: string;
  at: Date;
  /** The reviewer's name, when a user reviewed. */
  reviewer?: string;
}

export function ReviewList({ ctx, reviews }: { ctx: PageContext; reviews: Review[] }) {
  const { t, lang } = ctx;
  if (reviews.length === 0) return null;
  return (
    <section aria-labelledby="reviews-heading">
      <h2 id="reviews-heading">{t("workspace.system.reviews")}</h2>
      <ol class="reviews">
        {reviews.map((review) => (
          <li class={`review review-${review.decision}`}>
            <p>
              <strong>{t(`workspace.decisions.${review.decision}`)}</strong>
              {review.reviewer && ` · ${t("workspace.system.reviewed_by", { name: review.reviewer })}`} ·{" "}
              <time datetime={review.at.toISOString()}>{formatDate(lang, review.at)}</time>
            </p>
            {review.comment ? <blockquote>{review.comment}</blockquote> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
