// A place in a source file (the manifest, a strings file, a Framefile), shared by every error and finding.

/** A place in the manifest file, 1-based, for messages and GitHub annotations. */
export interface Position {
  file: string;
  line: number;
  column: number;
}
