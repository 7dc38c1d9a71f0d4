/**
 * The worker thread's entry (tinypool): each message is a `ReplicationTask`, each answer its
 * `ReplicationSummary`. A worker prepares each scenario once and keeps it for the tasks after.
 */
import { runTask, type ReplicationTask } from './replication.js';
import type { ReplicationSummary } from './types.js';

export default function runReplicationInWorker(task: ReplicationTask): ReplicationSummary {
  return runTask(task);
}
