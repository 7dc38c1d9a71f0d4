/** The warning that opens the summary of an experiment that was interrupted before it finished. */

/**
 * Empty unless `complete` is false (files written before the field existed count as complete).
 * `resume` is the command that continues the experiment, if there is one.
 */
export function incompleteNote(complete: boolean | undefined, done: string, resume: string | null): string {
  if (complete !== false) return '';
  const next = resume === null ? 'run it again to finish' : `${resume} continues it`;
  return `These results are incomplete: the experiment was interrupted, and they cover the ${done} finished so far (${next}).`;
}
