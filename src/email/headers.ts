/** The header a dunmail .eml names its template in; the linter reads it without loading nodemailer. */
export const TEMPLATE_HEADER = 'X-Dunmail-Template';
