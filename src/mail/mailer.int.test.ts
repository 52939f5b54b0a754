// The mailer against a real SMTP server (the test's sink): what is sent arrives intact, and a failure says neither
// the server's address nor its password. (.int: it opens sockets, though it needs no database.)
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { AppError } from "../http/errors.ts";
import { startSmtpSink, type SmtpSink } from "../../test/smtp-sink.ts";
import { createMailer } from "./mailer.ts";

const from = "Gäichel <no-reply@gaichel.example.lu>";

describe("createMailer", () => {
  let sink: SmtpSink;
  before(async () => {
    sink = await startSmtpSink({ auth: { user: "digest", pass: "sëcret@pass" } });
  });
  after(() => sink.close());

  it("is disabled without an SMTP server, and refuses to send", async () => {
    const mailer = createMailer({ smtpUrl: undefined, mailFrom: from });
    assert.equal(mailer.enabled, false);
    await assert.rejects(mailer.send({ to: "a@example.lu", subject: "s", text: "t", html: "<p>t</p>" }), /GAICHEL_SMTP_URL/);
  });

  it("delivers recipient, sender, subject, text and HTML intact, accents included, logging in with the URL's percent-encoded credentials", async () => {
    const url = sink.url.replace("smtp://", "smtp://digest:s%C3%ABcret%40pass@");
    const mailer = createMailer({ smtpUrl: url, mailFrom: from });
    assert.equal(mailer.enabled, true);
    const message = {
      to: "Anaïs Müller <anais.muller@example.be>",
      subject: "Gäichel — 3 changements dans vos projets pilotes : élève, Noël",
      text: "Bonjour Anaïs,\n\nIndicateur « Délai » : 42 % (LU) — Zoë a ajouté une leçon.\n",
      html: '<!doctype html><html lang="fr"><body><h1>Gäichel</h1><p>Indicateur « Délai » : 42 % (LU) — Zoë, Noël</p></body></html>',
    };
    await mailer.send(message);
    const [mail] = await sink.waitFor(1);
    assert.ok(mail);
    assert.deepEqual(
      (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((a) => a?.value ?? []).map((a) => [a.name, a.address]),
      [["Anaïs Müller", "anais.muller@example.be"]],
    );
    assert.deepEqual(mail.from?.value.map((a) => [a.name, a.address]), [["Gäichel", "no-reply@gaichel.example.lu"]]);
    assert.equal(mail.subject, message.subject);
    assert.equal(mail.text, message.text);
    assert.equal(mail.html, message.html);
  });

  it("fails with the AppError mail_failed, logging only the error's code, when the server cannot be reached", async () => {
    const logged: unknown[] = [];
    const mailer = createMailer(
      { smtpUrl: "smtp://digest:hunter2-secret@127.0.0.1:9", mailFrom: from },
      { log: { error: (object, message) => logged.push(object, message) } },
    );
    const error = await mailer.send({ to: "a@example.lu", subject: "s", text: "t", html: "<p>t</p>" }).then(
      () => assert.fail("sent to a closed port"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof AppError);
    assert.equal(error.id, "mail_failed");
    assert.equal(error.status, 502);
    assert.equal(error.cause, undefined);
    for (const shown of [error.message, JSON.stringify(error), JSON.stringify(error.params), JSON.stringify(logged)]) {
      assert.doesNotMatch(shown, /hunter2|127\.0\.0\.1|digest/);
    }
    assert.deepEqual(logged, [{ code: "ESOCKET", responseCode: undefined }, "e-mail not sent"]);
  });

  it("fails with mail_failed, logging the code EAUTH, when the server refuses the login", async () => {
    const logged: unknown[] = [];
    const url = sink.url.replace("smtp://", "smtp://digest:wrong-hunter2@");
    const mailer = createMailer({ smtpUrl: url, mailFrom: from }, { log: { error: (object) => logged.push(object) } });
    await assert.rejects(mailer.send({ to: "a@example.lu", subject: "s", text: "t", html: "<p>t</p>" }), (e: unknown) => e instanceof AppError && e.id === "mail_failed" && !JSON.stringify(e).includes("hunter2"));
    assert.deepEqual(logged, [{ code: "EAUTH", responseCode: 535 }]);
  });
});
