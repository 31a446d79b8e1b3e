import { readFileSync } from 'node:fs';

/** CPU time (user + system) a process has used, in ms (Linux /proc, 10 ms ticks). */
export function cpuMsOf(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Busy and total CPU ticks of the whole machine, all cores (Linux /proc/stat). */
function machineTicks() {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

/**
 * Runs a measured phase and adds who spent the CPU: this process (the load generator: the
 * client's parsing, or the direct kafkajs consumer) in µs per record, and the cores the whole
 * machine kept busy on average (gateway + broker + load generator; at the core count, the
 * machine itself is the limit).
 */
export async function withCpu(records, phase) {
  const own = process.cpuUsage();
  const before = machineTicks();
  const result = await phase();
  const used = process.cpuUsage(own);
  const after = machineTicks();
  const total = after.total - before.total;
  return {
    ...result,
    clientCpuUsPerRecord: (used.user + used.system) / records,
    machineCores: total > 0 ? ((after.busy - before.busy) / total) * cpuCount() : NaN,
  };
}

function cpuCount() {
  return readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .filter((line) => /^cpu\d+ /.test(line)).length;
}
