// Sends e-mail through the SMTP server of GAICHEL_SMTP_URL; without one the mailer is disabled and nothing is sent.
import nodemailer from "nodemailer";
import type { Config } from "../config.ts";
import { AppError } from "../http/errors.ts";

export interface MailMessage {
  /** One recipient's address. */
  to: string;
  subject: string;
  /** The plain-text part, for readers that show no HTML; the same content as `html`. */
  text: string;
  html: string;
}

export interface Mailer {
  /** False when no SMTP server is configured: features that send e-mail are then not offered. */
  readonly enabled: boolean;
  /** Resolves once the server has accepted the message; rejects with the AppError `mail_failed` otherwise. */
  send(message: MailMessage): Promise<void>;
}

export interface MailerOptions {
  /** Told why sending failed: the error's code only (see `send`). */
  log?: { error(object: unknown, message: string): void };
}

export function createMailer(config: Pick<Config, "smtpUrl" | "mailFrom">, options: MailerOptions = {}): Mailer {
  const { smtpUrl, mailFrom } = config;
  if (!smtpUrl) {
    return {
      enabled: false,
      send: () => Promise.reject(new Error("No SMTP server is configured (GAICHEL_SMTP_URL): check mailer.enabled before sending")),
    };
  }
  // Shorter waits than nodemailer's (2 minutes to connect, 10 of silence) so that a dead server fails a digest job soon.
  const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 });
  return {
    enabled: true,
    async send({ to, subject, text, html }) {
      try {
        await transport.sendMail({ from: mailFrom, to, subject, text, html });
      } catch (error) {
        // Nodemailer's messages and fields can quote the URL, hence the password, and the server's replies: only the
        // stable code and the SMTP reply code go to the log, and nothing of the error to the caller.
        const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
        options.log?.error({ code: typeof code === "string" ? code : undefined, responseCode: typeof responseCode === "number" ? responseCode : undefined }, "e-mail not sent");
        throw new AppError("mail_failed", 502);
      }
    },
  };
}
