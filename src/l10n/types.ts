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
  /** 'frameit': the file is a frameit title.strings / keyword.strings (read as leniently as frameit reads it). */
  dialect?: 'frameit';
}

/** A soft problem in a strings file that still reads: the reader says where and why. */
export interface StringsNote {
  line: number;
  column: number;
  message: string;
}

export interface StringsTable {
  /** key -> text, ready to render. */
  values: Record<string, string>;
  /** Keys the source marks as not to be translated (Android translatable="false", xcstrings shouldTranslate: false). */
  fixed?: string[];
  /** key -> 1-based line of the entry in the file, where the format makes it cheap to know. */
  lines?: Record<string, number>;
  /** Soft problems: the file reads, but not exactly as written (a missing ";", a placeholder dropped ...). */
  warnings?: StringsNote[];
  /** key -> the placeholders its text carried that storeshots cannot fill (dropped from the text). */
  placeholders?: Record<string, string[]>;
  /** key -> why the file holds the key but gave no text for this locale (an untranslated target ...). */
  skipped?: Record<string, string>;
  /** Why the whole file gave nothing (or how its locale was decided), for messages. */
  note?: string;
}

export type StringsParser = (text: string, ctx: StringsContext) => StringsTable;
