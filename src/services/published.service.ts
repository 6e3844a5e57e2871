import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "../core/errors.ts";
import { type PublishedFigure, PublishedFigures } from "../core/published.ts";

let cached: { dir: string; figures: PublishedFigure[] } | undefined;

/** The published headline figures in `data/published/figures.json` (none when the file is absent), validated once. */
export function publishedFigures(dataDir: string): PublishedFigure[] {
  if (cached?.dir === dataDir) return cached.figures;
  const file = join(dataDir, "published", "figures.json");
  if (!existsSync(file)) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new AppError("invalid_dataset", `cannot read ${file}: ${(error as Error).message}`);
  }
  const parsed = PublishedFigures.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_dataset", `${file}: ${parsed.error.issues[0]?.message}`);
  cached = { dir: dataDir, figures: parsed.data.figures };
  return parsed.data.figures;
}
