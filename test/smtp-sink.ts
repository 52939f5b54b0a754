// A real SMTP server for the tests, on 127.0.0.1: it accepts every message and keeps it parsed.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, to put in GAICHEL_SMTP_URL (with the credentials added when the sink requires them). */
  url: string;
  /** Every message received so far, in order of arrival. */
  messages: ParsedMail[];
  /** Resolves with the messages once `count` have arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

/** With `auth`, a sender must log in with exactly these credentials; without, it may send without logging in. */
export async function startSmtpSink(options: { auth?: { user: string; pass: string } } = {}): Promise<SmtpSink> {
  const { auth } = options;
  const messages: ParsedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    // Plain SMTP on loopback, as a test needs it: no certificate to make, and a login over it is still accepted.
    disabledCommands: ["STARTTLS"],
    authOptional: !auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth: (login, _session, callback) =>
      auth && login.username === auth.user && login.password === auth.pass
        ? callback(null, { user: login.username })
        : callback(new Error("Invalid username or password")),
    onData: (stream, _session, callback) => {
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          for (const check of waiters) check();
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(messages.slice(0, count));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`the SMTP sink received ${messages.length} message(s) in ${timeoutMs} ms, not ${count}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
