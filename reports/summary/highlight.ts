/** A key figure shown large at the top of a report: `Survivors` · `5 of 8` · `at 30 May 2022`. */
export interface Highlight {
  label: string;
  value: string;
  /** A short line under the value; may be empty. */
  note: string;
}
