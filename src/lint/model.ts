// What the lint rules look at. Both entry points (a finished render, and `storeshots lint PATH...`)
// turn their input into these shapes, so every rule runs the same way on both.
import type { Job, Plan } from '../plan/types.js';
import type { Preset, Store } from '../store/presets.js';
import type { Severity } from '../report/types.js';
import type { TextLayoutInfo } from '../render/types.js';
import type { ImageFacts } from './header.js';

/** What a Play file is for, from its supply folder (or its preset). */
export type PlayKind = 'screenshot' | 'featureGraphic' | 'icon' | 'tvBanner';

export interface LintImage {
  /** Absolute path to read. */
  file: string;
  /** Path shown in findings: relative to the output directory (render) or as the user gave it (lint). */
  path: string;
  /** Lowercased extension without the dot ('' when none). */
  ext: string;
  store: Store;
  /** True when the store was guessed from the pixel size (plain folders): messages say so. */
  storeGuessed?: boolean;
  /** The slot the image is meant for, when known (render, our flat layout, supply folders, deliver display types). */
  preset?: Preset;
  /** The preset reference as written (may carry @landscape), for findings. */
  presetRef?: string;
  landscape?: boolean;
  playKind?: PlayKind;
  /** Locale as written (manifest tag or folder name). */
  locale?: string;
  /** The store's code for the locale, for grouping sets (`en` and `en-US` share an App Store set). */
  storeLocale?: string;
  slide?: string;
  /** The appearance folder (light, dark) of our flat layout, or the rendered job's appearance: a set of its own. */
  appearance?: string;
  /** deliver's display type for the image, from its real pixel size (App Store only). */
  displayType?: string;
  /** The real bytes, or why they could not be read. */
  facts?: ImageFacts;
  /** Facts read before from the image's bytes (render thread, render cache): used only if the bytes on disk have their hash. */
  knownFacts?: ImageFacts;
  unreadable?: string;
  /** A pseudo-locale render (for review, never uploaded): only the file and text rules apply. */
  pseudo?: boolean;
  /** Renderer output, when the image was rendered in this run. */
  job?: Job;
  text?: TextLayoutInfo[];
}

/** One upload set: the images a store takes together (App Store: locale x display type; Play: locale x folder). */
export interface ImageSet {
  key: string;
  store: Store;
  locale?: string;
  /** Human label: "en-US iPhone 6.9\" (APP_IPHONE_67)" */
  label: string;
  presetRef?: string;
  displayType?: string;
  playKind?: PlayKind;
  playFolder?: string;
  /** The folder holding the set, when linting a tree. */
  folder?: string;
  /** Images present in this run (may be a subset of the set when rendering a selection). */
  images: LintImage[];
  /** How many images the set holds in full (the plan's count when rendering; else images.length). */
  count: number;
  /** Slides of the full set in order, when known from the plan (for count messages). */
  slides?: string[];
  /** False when a render selected part of the set (--slide, --shard): per-image set checks are skipped. */
  complete: boolean;
}

/** A folder that the store reads as a locale. */
export interface LocaleFolder {
  path: string;
  name: string;
  store: Store;
  /** A folder of our flat output (named as in the manifest) rather than of a fastlane tree. */
  flat?: boolean;
}

/** A file the store's uploader would silently skip, and why. */
export interface IgnoredFile {
  path: string;
  store: Store;
  reason: string;
  locale?: string;
}

export interface RunContext {
  mode: 'render' | 'paths';
  images: LintImage[];
  sets: ImageSet[];
  plan?: Plan;
  localeFolders: LocaleFolder[];
  ignored: IgnoredFile[];
  /** Paths that could not be followed while walking (symlink loops, permission errors). */
  unreachable: Array<{ path: string; reason: string }>;
  /** Manifest targets iPad (render) or the tree holds iPad shots (paths). */
  targetsIpad: boolean;
  /** Stores this run is about. */
  stores: Set<Store>;
}

/** What a rule's check returns: the finding minus what the rule record supplies. */
export interface Hit {
  message: string;
  /** Only to lower an error to a warning where the fact behind this hit is UNCONFIRMED. */
  severity?: Severity;
  path?: string;
  locale?: string;
  preset?: string;
  slide?: string;
  /** Which store's page to cite, for rules that cite one page per store (set from the image or set otherwise). */
  store?: Store;
}
