/** What the numbers were measured on: a benchmark without its machine is not a number anyone can compare. */
import os from 'node:os';

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  node: string;
  platform: string;
  totalMemoryMb: number;
  /** 1, 5 and 15 minute load averages when the bench started. */
  loadAverageAtStart: [number, number, number];
  startedAt: string;
}

export function collectMachineInfo(now: Date = new Date()): MachineInfo {
  const cpus = os.cpus();
  const [one = 0, five = 0, fifteen = 0] = os.loadavg();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    totalMemoryMb: Math.round(os.totalmem() / 1024 / 1024),
    loadAverageAtStart: [round2(one), round2(five), round2(fifteen)],
    startedAt: now.toISOString(),
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
