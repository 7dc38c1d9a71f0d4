# shellcheck shell=bash
# Starts and stops a private single-node Slurm cluster (munge, slurmctld, slurmd) without systemd,
# for test/slurm/slurm-check.sh. Source it; it defines functions only.
#
#   slurm_start WORK   config, state and logs in WORK; exports SLURM_CONF for sbatch/squeue/scontrol
#   slurm_stop         cancels every job, stops the daemons this shell started (by pid)
#
# The cluster: one node named after `hostname -s` at 127.0.0.1 with all of nproc's CPUs, CPUs and
# memory as consumable resources (select/cons_tres, CR_CPU_Memory), processes tracked by process
# group (proctrack/pgid, which needs neither cgroups nor systemd), ports chosen from our pid so a
# Slurm already on the machine is not disturbed. Jobs run as root.

SLURM_DAEMON_PIDS=()
SLURM_STARTED_MUNGE=""

# Waits until COMMAND succeeds, at most SECONDS; returns 1 on timeout.
wait_for() {
  local seconds=$1; shift
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}

munge_start() {
  if munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1; then
    echo "slurm check: munged already running: using it"
    return 0
  fi
  if [ ! -s /etc/munge/munge.key ]; then
    install -d -o munge -g munge -m 700 /etc/munge
    if command -v mungekey >/dev/null 2>&1; then mungekey --create --keyfile=/etc/munge/munge.key
    else dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none; fi
    chown munge:munge /etc/munge/munge.key
    chmod 400 /etc/munge/munge.key
  fi
  install -d -o munge -g munge -m 755 /run/munge
  install -d -o munge -g munge -m 700 /var/lib/munge /var/log/munge
  # --force: start even over a stale socket left by a munged that was killed (a live one is reused above)
  runuser -u munge -- /usr/sbin/munged --force
  SLURM_STARTED_MUNGE=$(cat /run/munge/munged.pid)
  wait_for 20 sh -c 'munge -n </dev/null | unmunge'
}

slurm_start() {
  local work=$1
  local host; host=$(hostname -s)
  local cpus; cpus=$(nproc)
  local memory_mb; memory_mb=$(awk '/^MemTotal:/ { print int($2 / 1024 * 0.8) }' /proc/meminfo)
  local port=$((20000 + ($$ % 5000) * 2))
  mkdir -p "$work/ctld" "$work/spool" "$work/log"
  cat >"$work/slurm.conf" <<CONF
ClusterName=gbsimcheck
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/pgid
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$work/log/jobcomp.txt
ReturnToService=2
KillWait=30
MinJobAge=600
StateSaveLocation=$work/ctld
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory_mb State=UNKNOWN
PartitionName=check Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF=$work/slurm.conf
  munge_start || return 1
  /usr/sbin/slurmctld -D -f "$SLURM_CONF" >>"$work/log/slurmctld.out" 2>&1 &
  SLURM_DAEMON_PIDS+=($!)
  wait_for 30 scontrol ping || { echo "slurm check: slurmctld did not answer" >&2; return 1; }
  /usr/sbin/slurmd -D -f "$SLURM_CONF" >>"$work/log/slurmd.out" 2>&1 &
  SLURM_DAEMON_PIDS+=($!)
  wait_for 60 sh -c 'sinfo -h -N -o %t | grep -qx idle' || { echo "slurm check: the node did not become idle" >&2; return 1; }
}

slurm_stop() {
  if [ -n "${SLURM_CONF:-}" ] && [ "${#SLURM_DAEMON_PIDS[@]}" -gt 0 ]; then
    scancel --full --user=root >/dev/null 2>&1 || true
    wait_for 45 sh -c '[ -z "$(squeue -h 2>/dev/null)" ]' || echo "slurm check: jobs still listed at shutdown" >&2
  fi
  local pid
  for pid in "${SLURM_DAEMON_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${SLURM_DAEMON_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  SLURM_DAEMON_PIDS=()
  if [ -n "$SLURM_STARTED_MUNGE" ]; then
    kill "$SLURM_STARTED_MUNGE" 2>/dev/null || true
    wait_for 10 sh -c "! kill -0 $SLURM_STARTED_MUNGE" || true
    SLURM_STARTED_MUNGE=""
  fi
}
