// Locale spellings found in real projects' folders and files, mapped to the BCP 47 tags a
// manifest uses: underscore forms (de_CH, zh_TW, ru_RU.lproj, pt_BR.arb) and their casing.

/** de_CH -> de-CH, zh_hant_tw -> zh-Hant-TW, EN-us -> en-US: language lower, script title, region upper. */
export function bcp47FromFolder(folder: string): string {
  return folder
    .split(/[-_]/)
    .map((p, i) =>
      i === 0
        ? p.toLowerCase()
        : p.length === 4 && /^[A-Za-z]+$/.test(p)
          ? p[0]!.toUpperCase() + p.slice(1).toLowerCase()
          : p.length === 2
            ? p.toUpperCase()
            : p,
    )
    .join('-');
}

/** The spellings of a manifest locale a folder or file name may use, most usual first: de-CH, de_CH. */
export function folderForms(locale: string): string[] {
  return locale.includes('-') ? [locale, locale.replace(/-/g, '_')] : [locale];
}
