import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { createProgram } from "../src/cli/main.ts";

function* walk(cmd: Command, path: string[] = []): Generator<[string[], Command]> {
  for (const sub of cmd.commands) {
    if (sub.name() === "help") continue;
    const p = [...path, sub.name()];
    yield [p, sub];
    yield* walk(sub, p);
  }
}

describe("beltroad --help", () => {
  const program = createProgram();
  const commands = [...walk(program)];

  it("lists the commands the README documents", () => {
    const names = commands.map(([p]) => p.join(" "));
    for (const name of ["db migrate", "seed", "serve", "start", "stats", "export"]) expect(names).toContain(name);
  });

  it.each(commands.map(([p, c]) => [p.join(" "), c] as const))("%s has a description and a usage line", (name, cmd) => {
    expect(cmd.description(), name).not.toBe("");
    expect(cmd.helpInformation()).toMatch(new RegExp(`^Usage: beltroad ${name} `));
  });
});
