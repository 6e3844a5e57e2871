import { Command, Option } from "commander";
import { OBJECTIVES } from "../core/routing/index.ts";
import { loadNetwork, networkPath } from "../services/network/network-store.ts";
import { asAppError, planRoute, ROUTE_MODES, type RouteMode } from "../services/network/route.service.ts";
import { globals, printJson } from "./context.ts";

const list = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
];

/** `beltroad route --from X --to Y [--mode] [--optimize] [--avoid suez,…] [--without P] [--vessel V] [--json]`. */
export function routeCommand(): Command {
  return new Command("route")
    .description("the best route between two places (city, UN/LOCODE, station id, node:N or lon,lat)")
    .requiredOption("--from <place>", "origin")
    .requiredOption("--to <place>", "destination")
    .addOption(new Option("--mode <mode>", "modes allowed").choices([...ROUTE_MODES]).default("multimodal"))
    .addOption(new Option("--optimize <objective>", "what to minimise").choices([...OBJECTIVES]).default("time"))
    .option("--avoid <list>", "passages (suez, panama, malacca, …) or ISO alpha-3 countries, comma-separated", list)
    .option("--without <project>", "switch a project off (id or name; repeat or comma-separate)", list)
    .option("--with <project>", "switch a planned or passenger-only project on", list)
    .option("--vessel <class>", "ship size: ulcv (default, too large for Panama), neopanamax, panamax")
    .option(
      "--network <file>",
      "network artifact (default: BELTROAD_NETWORK or .beltroad/network.bin; built if missing)",
    )
    .action(
      (
        opts: {
          from: string;
          to: string;
          mode: RouteMode;
          optimize: (typeof OBJECTIVES)[number];
          avoid?: string[];
          without?: string[];
          with?: string[];
          vessel?: string;
          network?: string;
        },
        cmd: Command,
      ) => {
        const { graph } = loadNetwork(networkPath(opts.network));
        let r: ReturnType<typeof planRoute>;
        try {
          r = planRoute(graph, {
            from: opts.from,
            to: opts.to,
            mode: opts.mode,
            optimize: opts.optimize,
            ...(opts.avoid ? { avoid: opts.avoid } : {}),
            ...(opts.without ? { without: opts.without } : {}),
            ...(opts.with ? { with: opts.with } : {}),
            ...(opts.vessel ? { vessel: opts.vessel } : {}),
          });
        } catch (error) {
          throw asAppError(error);
        }
        if (globals(cmd).json) return printJson(r);
        console.log(`${r.from.name} → ${r.to.name} (${r.mode}, fastest by ${r.objective})`);
        console.log(
          `  ${r.distanceKm.toLocaleString("en")} km${r.distanceNm > 0 ? ` (sea ${r.distanceNm.toLocaleString("en")} nm)` : ""}, ` +
            `${r.durationDays} days, $${r.costUsd.toLocaleString("en")} and ${r.co2Kg.toLocaleString("en")} kg CO2e per TEU`,
        );
        for (const leg of r.legs)
          if (leg.distanceKm > 0 || leg.durationHours > 1)
            console.log(
              `  ${leg.mode.padEnd(8)} ${leg.from} → ${leg.to}: ${leg.distanceKm} km, ${leg.durationHours} h${leg.passages ? ` via ${leg.passages.join(", ")}` : ""}`,
            );
        if (r.passages.length > 0) console.log(`  passages: ${r.passages.join(", ")}`);
        if (r.gaugeChanges.length > 0)
          console.log(
            `  gauge changes: ${r.gaugeChanges.map((g) => `${g.crossing} (${g.dwellHours} h, ${g.dwellRangeHours[0]}–${g.dwellRangeHours[1]} h)`).join("; ")}`,
          );
        if (r.countries.length > 0) console.log(`  countries: ${r.countries.join(" → ")}`);
        for (const w of r.warnings) console.log(`  note: ${w}`);
        console.log(`  ${r.assumptions.length} assumptions with their sources: use --json`);
      },
    );
}
