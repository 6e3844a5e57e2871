import { Command } from "commander";
import { buildNetworkArtifact, networkPath } from "../services/network/network-store.ts";
import { globals, printJson } from "./context.ts";

/** `beltroad network build [--out FILE] [--cities N]`: build the multimodal network artifact. */
export function networkCommand(): Command {
  const network = new Command("network").description("the multimodal transport network (sea, rail, road)");
  network
    .command("build")
    .description("build the network from data/network and the sea lanes, and write its artifact")
    .option("--out <file>", "artifact path (default: BELTROAD_NETWORK or .beltroad/network.bin)")
    .option("--cities <n>", "cities joined by road (one per country, then the most populous)", "1500")
    .action((opts: { out?: string; cities: string }, cmd: Command) => {
      const { stats, bytes, ms, path } = buildNetworkArtifact(networkPath(opts.out), { cities: Number(opts.cities) });
      const worst = stats.routes.reduce((m, r) => Math.max(m, Math.abs(r.sumKm - r.publishedKm) / r.publishedKm), 0);
      if (globals(cmd).json) return printJson({ path, bytes, ms, ...stats, worstRouteDeviation: worst });
      console.log(`wrote ${path}: ${(bytes / 1e6).toFixed(2)} MB in ${(ms / 1000).toFixed(1)} s`);
      console.log(
        `${stats.nodes} nodes, ${stats.arcs} arcs: ${stats.seaNodes} sea-lane nodes, ${stats.ports} ports ` +
          `(+${stats.modelledPorts} modelled), ${stats.cities} cities, ${stats.railLinks} rail links, ${stats.roadLinks} road links`,
      );
      console.log(`${stats.routes.length} published rail lengths met (largest deviation ${(worst * 100).toFixed(2)}%)`);
    });
  return network;
}
