import type { MarkupElement } from '../../extract/copy.js';
import { findTags } from '../../template/tags.js';
import { defineRule, type Finding } from '../types.js';
import type { LocaleProfile } from '../locale/profile.js';
import { atElement, attributeDefaults, notes } from './mjml-valid.js';

interface Options {
  /** Images that are decoration and need no alt text: an image whose src contains one of these strings. */
  decorative: string[];
}

const IMAGES = new Set(['img', 'mj-image', 'mj-carousel-image']);

/**
 * Alt texts that say nothing about the image, from every locale profile (an image's alt
 * text is often left in another language than the copy), compared lowercased with
 * digits, spaces and punctuation removed ("Image 1", "IMG_0042" and "logo" all match).
 */
const meaninglessByProfiles = new WeakMap<readonly LocaleProfile[], Set<string>>();

function meaningless(locales: readonly LocaleProfile[]): Set<string> {
  let words = meaninglessByProfiles.get(locales);
  if (!words) {
    words = new Set(locales.flatMap((profile) => profile.meaninglessAltTexts));
    meaninglessByProfiles.set(locales, words);
  }
  return words;
}

const FILE_NAME = /^[^\s/\\]+\.(?:png|jpe?g|gif|svg|webp|bmp|avif|ico|tiff?)$/i;
const URL_LIKE = /^(?:https?:)?\/\/|^www\./i;

export default defineRule<Options>({
  meta: {
    id: 'image-alt',
    description: 'Every image has alt text that says what it shows: mail clients block images by default.',
    sources: ['T2', 'C2'],
    defaultSeverity: 'warn',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: { decorative: { type: 'array', items: { type: 'string', minLength: 1 }, default: [] } },
    },
    messages: {
      missing: '`<{{element}}>` has no alt text',
      empty: '`<{{element}}>` has empty alt text',
      'file-name': 'Alt text `{{alt}}` is a file name, not a description',
      meaningless: 'Alt text `{{alt}}` says nothing about the image',
    },
    appliesTo: { email: true },
  },
  check(document, { options, report, locales }) {
    const elements = [...document.elements, ...(document.layout?.elements ?? [])];
    const defaults = attributeDefaults(elements);
    const images = elements.filter((element) => IMAGES.has(element.name) && !defaults.has(element));
    for (const image of images) {
      if (isDecorative(image, options.decorative)) continue;
      const problem = altProblem(image, meaningless(locales));
      if (!problem) continue;
      const at = atElement(document, image);
      report({ ...at, ...problem, ...notes(at.note, HINT) });
    }
  },
});

function isDecorative(image: MarkupElement, decorative: string[]): boolean {
  const role = image.attributes['role']?.trim().toLowerCase();
  if (role === 'presentation' || role === 'none') return true;
  const src = image.attributes['src'] ?? '';
  return decorative.some((part) => src.includes(part));
}

const HINT = 'Say what the image shows, such as the company name for a logo: many clients block images until the reader allows them, and screen readers read the alt text.';

function altProblem(image: MarkupElement, meaningless: Set<string>): Pick<Finding, 'messageId' | 'data' | 'actual'> | undefined {
  const element = image.name;
  const alt = image.attributes['alt'];
  if (alt === undefined) return { messageId: 'missing', data: { element } };
  const text = alt.trim();
  if (text === '') return { messageId: 'empty', data: { element }, actual: alt };
  // A placeholder such as {{ company.name }} is judged by the data, not here.
  if (findTags(text).some((t) => t.kind === 'variable')) return undefined;
  if (FILE_NAME.test(text) || URL_LIKE.test(text)) return { messageId: 'file-name', data: { alt: text }, actual: alt };
  const word = text.toLowerCase().replace(/[\p{N}\p{P}\p{S}\s_]+/gu, '');
  if (word === '' || meaningless.has(word)) return { messageId: 'meaningless', data: { alt: text }, actual: alt };
  return undefined;
}
