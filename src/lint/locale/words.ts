import type { LocaleProfile } from "./profile.js";
import { wordSegmenter } from "../../text/words.js";

const normalizers = new WeakMap<LocaleProfile, (word: string) => string>();

/**
 * How a word is compared: lower case, typographic apostrophes made straight, accents
 * kept (they carry meaning), and the profile's folds applied (Russian ё as е, Romanian
 * ş ţ with a cedilla, common in old fonts, as ș ț with a comma below).
 */
export function normalizerFor(
  profile: LocaleProfile,
): (word: string) => string {
  let normalize = normalizers.get(profile);
  if (!normalize) {
    const folds = Object.entries(profile.folds ?? {});
    normalize = (word) => {
      let value = word.toLowerCase().replace(/[\u2019\u2018\u02bc]/g, "'");
      for (const [from, to] of folds) value = value.replaceAll(from, to);
      return value;
    };
    normalizers.set(profile, normalize);
  }
  return normalize;
}

const splitters = new WeakMap<LocaleProfile, (token: string) => string[]>();

/**
 * The words of one space-separated token of a pattern, split as the text is: in a
 * segmented script (Thai) by Intl.Segmenter for the locale, so `ดำเนินคดี` is written
 * as a reader writes it and matches the two words the text is split into.
 */
export function patternWordsFor(
  profile: LocaleProfile,
): (token: string) => string[] {
  let split = splitters.get(profile);
  if (!split) {
    if (profile.parser === "segmented") {
      const segmenter = wordSegmenter(profile.locale);
      split = (token) => {
        const found = [...segmenter.segment(token)]
          .filter((s) => s.isWordLike)
          .map((s) => s.segment);
        return found.length > 0 ? found : [token];
      };
    } else {
      split = (token) => [token];
    }
    splitters.set(profile, split);
  }
  return split;
}
