import { DunmailError } from '../errors.js';

/** Where to send: a URL (`smtp://user:pass@host:587`, `smtps://…:465`) or its parts. */
export interface SmtpOptions {
  /** `smtp://` (STARTTLS when the server offers it) or `smtps://` (TLS from the start). Default: `DUNMAIL_SMTP_URL`. */
  url?: string;
  host?: string;
  port?: number;
  /** TLS from the start (port 465). */
  secure?: boolean;
  user?: string;
  pass?: string;
}

/** The connection nodemailer opens, read from the options, then the environment. */
export interface SmtpConnection {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
}

/**
 * Reads the SMTP connection from options, then `DUNMAIL_SMTP_URL`, then
 * `DUNMAIL_SMTP_HOST`/`_PORT`/`_USER`/`_PASS`: explicit parts override the URL's.
 */
export function smtpConnection(options: SmtpOptions, env: NodeJS.ProcessEnv = process.env): SmtpConnection {
  const url = options.url ?? (options.host === undefined ? env.DUNMAIL_SMTP_URL : undefined);
  let fromUrl: Partial<SmtpConnection> = {};
  if (url !== undefined && url !== '') {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new DunmailError('INVALID_OPTION', 'the SMTP URL cannot be read', { hint: 'write it as smtp://user:pass@host:587 or smtps://user:pass@host:465' });
    }
    if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
      throw new DunmailError('INVALID_OPTION', `the SMTP URL has the scheme ${parsed.protocol}, not smtp: or smtps:`, { hint: 'write it as smtp://user:pass@host:587' });
    }
    const secure = parsed.protocol === 'smtps:';
    fromUrl = {
      host: parsed.hostname.replace(/^\[|\]$/g, ''),
      port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
      secure,
      ...(parsed.username ? { auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } } : {}),
    };
  }
  const host = options.host ?? fromUrl.host ?? env.DUNMAIL_SMTP_HOST;
  if (!host) {
    throw new DunmailError('INVALID_OPTION', 'no SMTP server is named', {
      hint: 'pass --smtp smtp://user:pass@host:587 or set DUNMAIL_SMTP_URL (the provider\'s SMTP endpoint, or a local one)',
    });
  }
  const secure = options.secure ?? fromUrl.secure ?? false;
  const port = options.port ?? fromUrl.port ?? (env.DUNMAIL_SMTP_PORT ? Number(env.DUNMAIL_SMTP_PORT) : secure ? 465 : 587);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new DunmailError('INVALID_OPTION', `the SMTP port ${String(port)} is not a port number (1-65535)`);
  }
  const user = options.user ?? fromUrl.auth?.user ?? env.DUNMAIL_SMTP_USER;
  const pass = options.pass ?? fromUrl.auth?.pass ?? env.DUNMAIL_SMTP_PASS ?? '';
  return { host, port, secure, ...(user ? { auth: { user, pass } } : {}) };
}

/** A message as the transport takes it: the envelope and the whole RFC 5322 text. */
export interface OutgoingMessage {
  from: string;
  to: string;
  raw: Buffer;
}

/** What the server said. */
export interface Delivery {
  response: string;
  accepted: string[];
  rejected: string[];
}

export interface Sender {
  send(message: OutgoingMessage): Promise<Delivery>;
  close(): void;
}

/**
 * At most `perSecond` messages a second, evenly spaced (a token bucket of one token):
 * providers throttle or defer bursts.
 */
export class RateLimiter {
  private readonly interval: number;
  private next = 0;

  constructor(perSecond: number) {
    if (!(perSecond > 0) || !Number.isFinite(perSecond)) {
      throw new DunmailError('INVALID_OPTION', `the rate ${String(perSecond)} is not a positive number of messages per second`);
    }
    this.interval = 1000 / perSecond;
  }

  async take(): Promise<void> {
    const now = performance.now();
    const wait = this.next - now;
    this.next = Math.max(now, this.next) + this.interval;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/**
 * A sender over nodemailer's SMTP transport, one connection reused for the whole run
 * (nodemailer's pool of one). The message goes as written (`raw`): the headers dunmail set
 * (Message-ID, the idempotency key) reach the server unchanged.
 */
export async function createSmtpSender(options: SmtpOptions & { env?: NodeJS.ProcessEnv } = {}): Promise<Sender> {
  const connection = smtpConnection(options, options.env);
  const nodemailer = await import('nodemailer');
  const transport = nodemailer.createTransport({ ...connection, pool: true, maxConnections: 1 });
  return {
    async send({ from, to, raw }) {
      const info = await transport.sendMail({ envelope: { from, to: [to] }, raw });
      return { response: info.response, accepted: info.accepted.map(String), rejected: info.rejected.map(String) };
    },
    close() {
      transport.close();
    },
  };
}
