import { Command } from "commander";
import { headlineStats } from "../services/stats.service.ts";
import { globals, printJson, withDatabase } from "./context.ts";

/** `beltroad stats`: headline figures computed from the records. */
export function statsCommand(): Command {
  return new Command("stats")
    .description("print the headline figures computed from the records")
    .action(async (_opts, cmd: Command) => {
      await withDatabase(cmd, async (store) => {
        const stats = await headlineStats(store);
        if (globals(cmd).json) return printJson(stats);
        const usd = new Intl.NumberFormat("en", { style: "currency", currency: "USD", notation: "compact" });
        console.log(`projects                 ${stats.projects}`);
        console.log(`partner countries        ${stats.partnerCountries}`);
        console.log(`countries with documents ${stats.cooperationCountries}`);
        console.log(`agreements               ${stats.agreements}`);
        console.log(`programmes               ${stats.programmes}`);
        console.log(`committed (constant USD) ${usd.format(stats.committedUsdConstant)}`);
        console.log(`people trained           ${stats.peopleTrained.toLocaleString("en")}`);
        console.log(
          "freight trips by year    " +
            Object.entries(stats.freightTripsByYear)
              .map(([y, n]) => `${y}: ${n}`)
              .join(", "),
        );
      });
    });
}
