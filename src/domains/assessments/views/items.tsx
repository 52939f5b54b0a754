// The controls of an instrument's items: radios, checkboxes, text, number, date, and repeatable groups as rows of
// sub-items; each with an optional note. Conditions travel in data attributes for the enhancing script; the server
// hides what they hide.
import type { ComponentChildren } from "preact";
import { CheckboxesField, RadiosField, say, TextArea, TextField, type Message } from "../../../web/components/fields.tsx";
import { Localized, localizedString } from "../../../web/components/localized.tsx";
import type { PageContext } from "../../../web/context.ts";
import type { AnswerValue, GroupItem, GroupRow, Item, LocalizedText, SubItem } from "../format.ts";
import { answerField, commentField, controlId, rowCountField, rowField } from "../form.ts";

/** Errors of the page's fields by problem path (`item` or `group.row.sub`). */
export type FieldMessages = Record<string, Message>;

const asText = (value: unknown) => (typeof value === "number" ? String(value) : typeof value === "string" ? value : "");

function Control({ ctx, item, path, name, value, error }: { ctx: PageContext; item: Item | SubItem; path: string; name: string; value: unknown; error?: Message }) {
  const id = controlId(path);
  const label = localizedString(ctx, item.text);
  const hint = item.help ? localizedString(ctx, item.help) : undefined;
  const optional = item.required ? "" : ` ${ctx.t("workspace.optional")}`;
  switch (item.type) {
    case "single":
      return (
        <RadiosField
          ctx={ctx}
          id={id}
          name={name}
          legend={`${label}${optional}`}
          hint={hint}
          error={error}
          value={asText(value)}
          options={item.options.map((o) => ({ value: o.code, label: localizedString(ctx, o.text) }))}
        />
      );
    case "multi":
      return (
        <CheckboxesField
          ctx={ctx}
          id={id}
          name={name}
          legend={`${label}${optional}`}
          hint={hint}
          error={error}
          values={Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []}
          options={item.options.map((o) => ({ value: o.code, label: localizedString(ctx, o.text) }))}
        />
      );
    case "text":
      return item.multiline ? (
        <TextArea ctx={ctx} id={id} name={name} label={`${label}${optional}`} hint={hint} error={error} value={asText(value)} rows={4} />
      ) : (
        <TextField ctx={ctx} id={id} name={name} label={`${label}${optional}`} hint={hint} error={error} value={asText(value)} />
      );
    case "number":
      return <TextField ctx={ctx} id={id} name={name} label={`${label}${optional}`} hint={hint} error={error} value={asText(value)} inputMode="decimal" />;
    case "date":
      return <TextField ctx={ctx} id={id} name={name} type="date" label={`${label}${optional}`} hint={hint ?? ctx.t("assessments.date_hint")} error={error} value={asText(value)} />;
  }
}

/** A repeatable group: one fieldset per row (the rows saved, plus an empty one to add). */
function Group({ ctx, item, rows, errors, extraRows }: { ctx: PageContext; item: GroupItem; rows: GroupRow[]; errors: FieldMessages; extraRows: number }) {
  const shown = [...rows, ...Array.from({ length: Math.max(extraRows, (item.min ?? 0) - rows.length, 0) }, () => ({}) as GroupRow)];
  const label = localizedString(ctx, item.text);
  return (
    <fieldset class="group" id={controlId(item.id)} tabIndex={-1}>
      <legend>{label}</legend>
      {item.help && <p class="hint">{localizedString(ctx, item.help)}</p>}
      {errors[item.id] && (
        <p class="error-message">
          <span class="visually-hidden">{ctx.t("common.error_prefix")} </span>
          {say(ctx, errors[item.id]!)}
        </p>
      )}
      <input type="hidden" name={rowCountField(item.id)} value={String(shown.length)} />
      {shown.map((row, r) => (
        <fieldset class="group-row">
          <legend>{ctx.t("assessments.row", { number: r + 1, group: label })}</legend>
          {item.items.map((sub) => {
            const path = `${item.id}.${r}.${sub.id}`;
            return <Control ctx={ctx} item={sub} path={path} name={rowField(item.id, r, sub.id)} value={row[sub.id]} error={errors[path]} />;
          })}
        </fieldset>
      ))}
    </fieldset>
  );
}

interface ItemProps {
  ctx: PageContext;
  item: Item;
  value: AnswerValue | undefined;
  comment: string | undefined;
  errors: FieldMessages;
  /** Hidden by its condition, given the answers saved; the script shows it when answers on the page change. */
  hidden: boolean;
  /** Blank rows a repeatable group offers to fill. */
  extraRows: number;
  /** What the register record says for the same fact, and where the link comes from. */
  register?: { text: LocalizedText; note?: LocalizedText };
}

export function ItemControl({ ctx, item, value, comment, errors, hidden, extraRows, register }: ItemProps) {
  const body: ComponentChildren =
    item.type === "group" ? (
      <Group ctx={ctx} item={item} rows={Array.isArray(value) ? (value as GroupRow[]) : []} errors={errors} extraRows={extraRows} />
    ) : (
      <Control ctx={ctx} item={item} path={item.id} name={answerField(item.id)} value={value} error={errors[item.id]} />
    );
  return (
    <div class="assessment-item" data-item={item.id} data-visible-if={item.visible_if === undefined ? undefined : JSON.stringify(item.visible_if)} hidden={hidden}>
      {body}
      {register && (
        <div class="register-text">
          <p>
            <strong>{ctx.t("assessments.in_register")}</strong>
            {register.note && <> ({localizedString(ctx, register.note)})</>}
            {ctx.t("common.colon")}
          </p>
          <Localized ctx={ctx} text={register.text} block />
        </div>
      )}
      <details class="answer-note" open={comment ? true : undefined}>
        <summary>{ctx.t("assessments.note_toggle")}</summary>
        <TextArea ctx={ctx} id={controlId(`note.${item.id}`)} name={commentField(item.id)} label={ctx.t("assessments.note_label")} value={comment} rows={2} />
      </details>
    </div>
  );
}
