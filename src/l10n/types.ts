// What every strings parser receives and returns. A parser reads one file for one locale.

export interface StringsContext {
  /** The file as shown in messages (relative to the working directory). */
  file: string;
  /** The manifest locale being loaded. */
  locale: string;
  /**
   * True when the `strings:` pattern had a locale placeholder, so this file was chosen for
   * this locale. False for one file that serves every locale (an .xcstrings catalog, a
   * multilingual XLIFF): the parser then picks the locale's entries out of it.
   */
  perLocale: boolean;
}

export interface StringsTable {
  /** key -> text, ready to render. */
  values: Record<string, string>;
  /** Keys the source marks as not to be translated (Android translatable="false", xcstrings shouldTranslate: false). */
  fixed?: string[];
  /** key -> 1-based line of the entry in the file, where the format makes it cheap to know. */
  lines?: Record<string, number>;
}

export type StringsParser = (text: string, ctx: StringsContext) => StringsTable;
