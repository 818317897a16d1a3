// Sending e-mail through an SMTP server (nodemailer), configured from the environment. A refusal with a 5xx
// reply is permanent (the address is recorded as bounced); anything else is tried again later.
import nodemailer from "nodemailer";

export interface Mail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export interface Mailer {
  /** The sender when the tenant names none. */
  from: string;
  send(mail: Mail): Promise<void>;
  close(): void;
}

export class MailRefused extends Error {
  constructor(
    message: string,
    /** A 5xx reply: the server will never take this message for this address. */
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export interface SmtpOptions {
  host: string;
  port: number;
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
  /** Accept a server certificate no authority signed (a test server). */
  allowSelfSigned?: boolean;
}

/** Bounds of one message's delivery attempt. */
const CONNECTION_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;

export function smtpMailer(o: SmtpOptions): Mailer {
  const transport = nodemailer.createTransport({
    host: o.host,
    port: o.port,
    secure: o.secure,
    ...(o.user !== null ? { auth: { user: o.user, pass: o.password ?? "" } } : {}),
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
    ...(o.allowSelfSigned ? { tls: { rejectUnauthorized: false } } : {}),
  });
  return {
    from: o.from,
    async send(mail) {
      try {
        await transport.sendMail(mail);
      } catch (e) {
        const code = (e as { responseCode?: number }).responseCode;
        throw new MailRefused(e instanceof Error ? e.message : String(e), code !== undefined && code >= 500);
      }
    },
    close: () => transport.close(),
  };
}

/**
 * The SMTP server of PATRON_SMTP_HOST, PATRON_SMTP_PORT (587), PATRON_SMTP_SECURE (true for TLS from the
 * start), PATRON_SMTP_USER, PATRON_SMTP_PASSWORD and PATRON_SMTP_FROM; null without a host.
 */
export function smtpOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpOptions | null {
  const host = env.PATRON_SMTP_HOST;
  if (!host) return null;
  return {
    host,
    port: Number(env.PATRON_SMTP_PORT ?? 587),
    secure: env.PATRON_SMTP_SECURE === "true",
    user: env.PATRON_SMTP_USER ?? null,
    password: env.PATRON_SMTP_PASSWORD ?? null,
    from: env.PATRON_SMTP_FROM ?? `Patron <no-reply@${host}>`,
  };
}

let fromEnv: Mailer | null | undefined;

/** The process's mailer from the environment, made once; null when no SMTP server is configured. */
export function mailerFromEnv(): Mailer | null {
  if (fromEnv === undefined) {
    const o = smtpOptionsFromEnv();
    fromEnv = o ? smtpMailer(o) : null;
  }
  return fromEnv;
}

/** The address links in messages start with: PATRON_PUBLIC_URL, else a local server's. */
export function publicUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.PATRON_PUBLIC_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}
