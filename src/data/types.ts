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
