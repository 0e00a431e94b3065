// Where every store fact comes from, and when it was last checked against its source.
// One edit here re-dates every rule that cites the source (docs/store-rules.md#sources-and-dates).

export interface Source {
  url: string;
  verified: string; // ISO date the fact was last checked against `url`
  note?: string;
}

export const SOURCES = {
  appleSpecs: {
    url: 'https://developer.apple.com/help/app-store-connect/reference/app-information/screenshot-specifications',
    verified: '2026-10-10',
  },
  appleUpload: {
    url: 'https://developer.apple.com/help/app-store-connect/manage-app-information/upload-app-previews-and-screenshots',
    verified: '2026-10-10',
  },
  appleCreative: {
    url: 'https://developer.apple.com/help/app-store-connect/reference/app-information/creative-assets-specifications',
    verified: '2026-10-10',
  },
  playPreview: {
    url: 'https://support.google.com/googleplay/android-developer/answer/9866151',
    verified: '2026-09-25',
  },
  playGraphics: {
    url: 'https://support.google.com/googleplay/android-developer/answer/1078870',
    verified: '2026-09-25',
  },
  fastlaneDeliver: {
    url: 'https://github.com/fastlane/fastlane/blob/d5347690d47de21d0e6fe78bd5ce77e35a714350/deliver/lib/deliver/app_screenshot.rb',
    verified: '2026-07-21',
  },
  fastlaneDeliverLoader: {
    url: 'https://github.com/fastlane/fastlane/blob/d5347690d47de21d0e6fe78bd5ce77e35a714350/deliver/lib/deliver/loader.rb',
    verified: '2026-07-21',
  },
  fastlaneDeliverUpload: {
    url: 'https://github.com/fastlane/fastlane/blob/d5347690d47de21d0e6fe78bd5ce77e35a714350/deliver/lib/deliver/upload_screenshots.rb',
    verified: '2026-07-21',
  },
  fastlaneDeliverValidator: {
    url: 'https://github.com/fastlane/fastlane/blob/d5347690d47de21d0e6fe78bd5ce77e35a714350/deliver/lib/deliver/app_screenshot_validator.rb',
    verified: '2026-07-21',
  },
  /** App Store Connect's own upload error text ("...in the RGB color space"), as quoted in fastlane issues. */
  appleServerErrors: {
    url: 'https://github.com/fastlane/fastlane/issues/9768',
    verified: '2026-11-01',
    note: 'docs/store-rules.md#app-store-every-screenshot: the server message lists format, size, 72 DPI and RGB together',
  },
  fastlaneLanguages: {
    url: 'https://github.com/fastlane/fastlane/blob/d5347690d47de21d0e6fe78bd5ce77e35a714350/fastlane_core/lib/fastlane_core/languages.rb',
    verified: '2026-07-21',
  },
  fastlaneSupply: {
    url: 'https://github.com/fastlane/fastlane/blob/d5347690d47de21d0e6fe78bd5ce77e35a714350/supply/lib/supply.rb',
    verified: '2026-07-21',
  },
  playLanguages: {
    url: 'https://developers.google.com/android-publisher/api-ref/rest/v3/edits.listings/update',
    verified: '2026-07-21',
  },
  wcag: {
    url: 'https://www.w3.org/TR/WCAG21/#contrast-minimum',
    verified: '2026-11-01',
  },
  /**
   * storeshots' own quality rules (text fit, glyphs, translations): no store states them, so they
   * cite the page that defines them. The repository address is the project's; update it here if it moves.
   */
  storeshotsRules: {
    url: 'https://github.com/storeshots/storeshots/blob/main/docs/lint.md',
    verified: '2026-12-01',
  },
} as const satisfies Record<string, Source>;

export type SourceId = keyof typeof SOURCES;
