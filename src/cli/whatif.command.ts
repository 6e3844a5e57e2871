import { SingleBar } from "cli-progress";
import { Command } from "commander";
import { loadNetwork, networkPath } from "../services/network/network-store.ts";
import { asAppError } from "../services/network/route.service.ts";
import { builtProjects, runWhatIf, type WhatIfResult } from "../services/network/whatif.service.ts";
import { globals, printJson } from "./context.ts";

const list = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
];

/** `beltroad whatif --without <project>… [--with …] [--cities N] [--json]`. */
export function whatifCommand(): Command {
  return new Command("whatif")
    .description("change in shipment times between cities when projects are switched off (or planned ones on)")
    .option(
      "--without <project>",
      "project id or name to switch off (repeat or comma-separate; 'all' = every project that built links)",
      list,
    )
    .option("--with <project>", "planned or passenger-only project to switch on", list)
    .option("--cities <n>", "cities in the matrix (at least one per country)", "1000")
    .option("--workers <n>", "worker threads", "2")
    .option(
      "--network <file>",
      "network artifact (default: BELTROAD_NETWORK or .beltroad/network.bin; built if missing)",
    )
    .action(
      async (
        opts: { without?: string[]; with?: string[]; cities: string; workers: string; network?: string },
        cmd: Command,
      ) => {
        const { graph, bytes } = loadNetwork(networkPath(opts.network));
        const without = (opts.without ?? []).flatMap((p) => (p === "all" ? builtProjects(graph) : [p]));
        const tty = process.stderr.isTTY === true && !globals(cmd).json;
        const bar = tty
          ? new SingleBar({
              format: "shipment times [{bar}] {percentage}% | {value}/{total} rows",
              stream: process.stderr,
            })
          : undefined;
        let result: WhatIfResult;
        try {
          bar?.start(1, 0);
          result = await runWhatIf(
            graph,
            bytes,
            { without, with: opts.with ?? [], cities: Number(opts.cities), workers: Number(opts.workers) },
            (done, total) => {
              bar?.setTotal(total);
              bar?.update(Math.round(done));
            },
          );
        } catch (error) {
          throw asAppError(error);
        } finally {
          bar?.stop();
        }
        if (globals(cmd).json) return printJson(result);
        printSummary(result);
      },
    );
}

function printSummary(r: WhatIfResult): void {
  const s = r.summary;
  const pct = (x: number) => `${x >= 0 ? "+" : ""}${x.toFixed(2)}%`;
  console.log(`scenario: without ${r.scenario.without.join(", ") || "—"}; with ${r.scenario.with.join(", ") || "—"}`);
  console.log(`${s.cities} cities, ${s.world.pairs.toLocaleString("en")} pairs, ${r.seconds.toFixed(1)} s`);
  console.log("group            change in time   effect of the projects   de Soyres et al. (shipment time)");
  const row = (name: string, x: typeof s.world, published: readonly number[], upTo = false) =>
    console.log(
      `${name.padEnd(16)} ${pct(x.changePct).padStart(14)}   ${pct(x.effectPct).padStart(22)}   ${upTo ? `up to ${published[0]}%` : `${published[0]} to ${published[1]}%`}`,
    );
  row("world", s.world, s.published.world.shipmentTimePct);
  row("BRI economies", s.bri, s.published.bri.shipmentTimePct);
  row("corridor", s.corridor, s.published.corridor.shipmentTimePct, true);
  const moved = Object.entries(s.countries)
    .filter(([, x]) => Math.abs(x.changePct) >= 0.01)
    .sort((a, b) => b[1].changePct - a[1].changePct)
    .slice(0, 15);
  if (moved.length > 0)
    console.log(`most affected countries: ${moved.map(([c, x]) => `${c} ${pct(x.changePct)}`).join(", ")}`);
  for (const sp of r.spotlights) {
    const h = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} h` : "unreachable");
    console.log(
      `${sp.from} → ${sp.to}: ${h(sp.baseHours)} → ${h(sp.scenarioHours)}` +
        (sp.nearestSeaport
          ? `; to the nearest seaport (${sp.nearestSeaport.port}): ${h(sp.nearestSeaport.baseHours)} → ${h(sp.nearestSeaport.scenarioHours)}`
          : ""),
    );
  }
  for (const w of r.warnings) console.log(`note: ${w}`);
  console.log(`source of the published ranges: ${s.published.source}`);
}
