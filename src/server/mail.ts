// Mail through the operator's SMTP server (STORESHOTS_SMTP_URL, STORESHOTS_SMTP_FROM): the settings
// checked at start (a malformed URL stops the service, named, its password never echoed), addresses
// checked as HTML's <input type=email> checks them, and one message sent per delivery attempt with
// nodemailer (loaded on first use: a service without mail never loads it). The outbox (deliveries.ts)
// retries a failed attempt with backoff; a 5xx answer to the message itself (recipient or content
// refused) is final, everything else (connection refused, time-out, 4xx, authentication) is retried.
import { expected, UserError } from '../util/errors.js';

export interface SmtpConfig {
  host: string;
  port: number;
  /** smtps: TLS from the first byte; smtp: STARTTLS when the server offers it. */
  secure: boolean;
  auth?: { user: string; pass: string };
  from: { name: string; address: string };
  /** The URL without its password, for messages and logs. */
  shown: string;
}

/** One message as the outbox keeps it (a delivery's body): made once, sent the same on every retry. */
export interface Mail {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/**
 * A valid e-mail address as the HTML standard defines it for <input type=email>
 * (https://html.spec.whatwg.org/multipage/input.html#valid-e-mail-address): ASCII, no display name,
 * no comments or quoted local parts, which a recipient list does not need.
 */
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
/** RFC 5321's limit on a forward path (256 octets, less its angle brackets). */
export const MAX_ADDRESS = 254;

export const isEmailAddress = (s: string) => s.length <= MAX_ADDRESS && EMAIL.test(s);

/** smtp://user:secret@host → smtp://user:***@host; also for text that does not parse as a URL. */
const hidePassword = (raw: string) => raw.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*:)[^@/]*@/i, '$1***@');

const URL_SHAPE = 'an smtp:// or smtps:// URL such as smtps://user:password@mail.example.com:465';

/**
 * STORESHOTS_SMTP_URL and STORESHOTS_SMTP_FROM, or undefined when the URL is not set (no mail: email
 * destinations are refused). Anything set but unusable is a UserError naming the variable.
 */
export function loadSmtp(env: NodeJS.ProcessEnv): SmtpConfig | undefined {
  const raw = env.STORESHOTS_SMTP_URL?.trim();
  if (!raw) return undefined;
  const name = 'STORESHOTS_SMTP_URL';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserError(expected(URL_SHAPE, name, hidePassword(raw)));
  }
  const shown = hidePassword(raw);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new UserError(expected(URL_SHAPE, name, shown));
  if (!url.hostname) throw new UserError(expected(`${URL_SHAPE} (with a host)`, name, shown));
  if ((url.pathname && url.pathname !== '/') || url.search || url.hash)
    throw new UserError(expected(`${URL_SHAPE} (no path, query or fragment)`, name, shown));
  if (url.password && !url.username)
    throw new UserError(expected(`${URL_SHAPE} (a user with the password)`, name, shown));
  let auth: SmtpConfig['auth'];
  try {
    auth = url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined;
  } catch {
    throw new UserError(expected(`${URL_SHAPE} (user and password percent-encoded)`, name, shown));
  }
  const secure = url.protocol === 'smtps:';
  return {
    // WHATWG URL keeps an IPv6 host in brackets; the socket wants it bare.
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(auth ? { auth } : {}),
    from: loadFrom(env.STORESHOTS_SMTP_FROM),
    shown,
  };
}

/** `storeshots@example.com` or `Storeshots <storeshots@example.com>`. */
function loadFrom(raw: string | undefined): SmtpConfig['from'] {
  const name = 'STORESHOTS_SMTP_FROM';
  const shape = 'the sender of schedule mails, an address or "Name <address>", with STORESHOTS_SMTP_URL';
  const v = raw?.trim();
  if (!v) throw new UserError(expected(shape, name, raw ?? ''));
  const m = /^(?:([^<>"\r\n\p{Cc}]*)<([^<>]+)>|([^<>\s]+))$/u.exec(v);
  const address = m?.[2] ?? m?.[3];
  if (!m || !address || !isEmailAddress(address)) throw new UserError(expected(shape, name, v));
  return { name: m[1]?.trim() ?? '', address };
}

/** A send that failed; `permanent` when the server refused the message itself (5xx): not retried. */
export class MailError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

type Transport = { sendMail(m: object): Promise<{ response?: string; rejected?: unknown[] }>; close(): void };

/** Sends mail through the operator's SMTP server, one connection per message (no pool to keep alive). */
export class Mailer {
  private transport?: Promise<Transport>;

  constructor(
    private readonly config: SmtpConfig,
    /** Connection, greeting and inactivity limit of one attempt, ms. */
    private readonly timeoutMs: number,
  ) {}

  private open(): Promise<Transport> {
    this.transport ??= import('nodemailer').then(
      (nodemailer) =>
        nodemailer.createTransport({
          host: this.config.host,
          port: this.config.port,
          secure: this.config.secure,
          ...(this.config.auth ? { auth: this.config.auth } : {}),
          connectionTimeout: this.timeoutMs,
          greetingTimeout: this.timeoutMs,
          socketTimeout: this.timeoutMs,
          dnsTimeout: this.timeoutMs,
          // The message is text we made: nothing in it may make nodemailer read a file or fetch a URL.
          disableFileAccess: true,
          disableUrlAccess: true,
        }) as unknown as Transport,
    );
    return this.transport;
  }

  /** Sends one message; the SMTP server's reply code (250) when it took it for every recipient. */
  async send(mail: Mail): Promise<number> {
    const transport = await this.open();
    try {
      const info = await transport.sendMail({
        from: this.config.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
      // Some recipients refused, the others took it: retrying would send them a second copy.
      const rejected = info.rejected?.length ?? 0;
      if (rejected)
        throw new MailError(`${rejected} of ${mail.to.length} recipients refused: ${info.response ?? ''}`, true);
      return Number(/^\d{3}/.exec(info.response ?? '')?.[0] ?? 250);
    } catch (e) {
      if (e instanceof MailError) throw e;
      const err = e as Error & { code?: string; responseCode?: number; response?: string };
      const refused = (err.responseCode ?? 0) >= 500 && (err.code === 'EENVELOPE' || err.code === 'EMESSAGE');
      throw new MailError(
        `SMTP ${this.config.host}:${this.config.port}: ${err.code ? `${err.code} ` : ''}${err.message}`.slice(0, 500),
        refused,
      );
    }
  }

  close(): void {
    void this.transport?.then((t) => t.close()).catch(() => undefined);
  }
}
