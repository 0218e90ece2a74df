/* Generated from src/schemas/data.schema.json by `npm run types:data`. Do not edit. */

/**
 * One line of text that may reach a mail header: no control character (CR, LF, NUL, tab, NEL…), no line or paragraph separator (U+2028, U+2029), no bidirectional override (U+202A–U+202E, U+2066–U+2069), and not a MIME encoded-word (=?utf-8?B?…?=).
 */
export type SingleLine = string;
export type IsoDate = string;
export type DecimalAmount = string;

/**
 * The data a mailer passes to render() for one reminder. Amounts are decimal strings so no float rounding reaches an email.
 */
export interface RenderData {
  customer: {
    /**
     * Full name of the person the reminder is addressed to.
     */
    name: string;
    /**
     * Given name, used in the greeting when present (N9, R11).
     */
    firstName?: string;
    company?: SingleLine;
    email?: string;
    /**
     * ISO 3166-1 alpha-2 country (ES, RO, TH): businessDaysOverdue then skips its public holidays as well as weekends, as dunmail plan does.
     */
    country?: string;
    /**
     * A region of the country with its own public holidays, as date-holidays names it (MD for Madrid, CA for California).
     */
    region?: string;
  };
  invoice: {
    /**
     * What the document is. Amounts (invoice, line items, late fee) must be zero or more and use no more decimals than the currency has (JPY none, USD two); only a credit note may have negative amounts. -0 is never accepted.
     */
    kind?: 'invoice' | 'credit-note';
    /**
     * One line, like every field that may reach a mail header.
     */
    number: string;
    /**
     * Amount owed, as a decimal string such as "1250.00", with no more decimals than the currency has; negative only for a credit note (kind).
     */
    amount: string;
    /**
     * ISO 4217 code.
     */
    currency: string;
    issueDate: IsoDate;
    dueDate: IsoDate;
    /**
     * One line of text that may reach a mail header: no control character (CR, LF, NUL, tab, NEL…), no line or paragraph separator (U+2028, U+2029), no bidirectional override (U+202A–U+202E, U+2066–U+2069), and not a MIME encoded-word (=?utf-8?B?…?=).
     */
    poNumber?: string;
    /**
     * Where the customer can view or download the invoice (C3).
     */
    url?: string;
    /**
     * @maxItems 200
     */
    lineItems?: {
      description: SingleLine;
      quantity: number;
      unitPrice?: DecimalAmount;
      total: DecimalAmount;
    }[];
  };
  /**
   * A statement reminder: every open invoice of the customer that this email names, `invoice` among them (usually the oldest, whose due date the stage counts from). Each amount uses its own currency's decimals; the render context adds `statement.count` and `statement.totals` (exact sums per currency).
   *
   * @minItems 1
   * @maxItems 200
   */
  invoices?: StatementInvoice[];
  /**
   * Link to pay the invoice online. https by default; see the allowedSchemes option.
   */
  payUrl: string;
  /**
   * The day the reminder is sent; days overdue are counted to it. Defaults to today (UTC).
   */
  sendDate?: string;
  /**
   * Ways the customer can pay (N4, T3).
   *
   * @minItems 1
   * @maxItems 10
   */
  paymentMethods: {
    kind?: 'card' | 'bank-transfer' | 'ach' | 'direct-debit' | 'paypal' | 'cheque' | 'other';
    label: SingleLine;
    details?: SingleLine;
  }[];
  sender: {
    name: SingleLine;
    title?: SingleLine;
    email: string;
    phone?: SingleLine;
  };
  company: {
    name: SingleLine;
    legalName?: SingleLine;
    taxId?: SingleLine;
    /**
     * @minItems 1
     * @maxItems 6
     */
    address: SingleLine[];
    email: string;
    phone?: SingleLine;
    website?: string;
    logoUrl?: string;
  };
  /**
   * Contractual late-fee terms; mention fees only when these exist (R8, H1).
   */
  lateFee?: {
    /**
     * The clause as agreed, e.g. "1.5% per month on overdue balances".
     */
    terms: string;
    amount?: DecimalAmount;
  };
  /**
   * Files the .eml carries as MIME attachments: a copy of the invoice (C3, N10), a statement. Each gives its bytes as base64 `content`, or a `path` read only from the folder the caller allows (toEml's attachmentRoot, `dunmail render --attachments DIR`).
   *
   * @maxItems 10
   */
  attachments?: Attachment[];
}
/**
 * One invoice of a statement, with the same fields and limits as `invoice`.
 */
export interface StatementInvoice {
  /**
   * One line, like every field that may reach a mail header.
   */
  number: string;
  /**
   * Amount owed, as a decimal string such as "1250.00", zero or more, with no more decimals than the currency has.
   */
  amount: string;
  /**
   * ISO 4217 code.
   */
  currency: string;
  issueDate: IsoDate;
  dueDate: IsoDate;
  /**
   * Where the customer can view or download this invoice (C3).
   */
  url?: string;
}
/**
 * One file: its bytes as `content` or a `path`, never both.
 */
export interface Attachment {
  /**
   * The name the recipient sees, e.g. "INV-1042.pdf": one line, no folder (no / or \), no control character.
   */
  filename: string;
  /**
   * MIME type, e.g. application/pdf. A PDF (this type or a .pdf name) must start with %PDF-.
   */
  contentType: string;
  /**
   * What the file is: the invoice itself, a statement of account, or something else.
   */
  role: 'invoice' | 'statement' | 'other';
  /**
   * The file's bytes as base64 (no line breaks), 10 MB at most (13981016 characters).
   */
  content?: string;
  /**
   * A file inside the folder the caller allows (relative to it); refused when none is allowed, or when it resolves outside it (symbolic links included).
   */
  path?: string;
}
