import en from "./en.json" with { type: "json" };
import accountEn from "./parts/account.en.json" with { type: "json" };
import accountZh from "./parts/account.zh.json" with { type: "json" };
import importerEn from "./parts/importer.en.json" with { type: "json" };
import importerZh from "./parts/importer.zh.json" with { type: "json" };
import zh from "./zh.json" with { type: "json" };

/**
 * The UI strings of each language: the main file plus one file per feature area under `parts/`
 * (each becomes the top-level key of its name), so areas can grow without touching each other.
 */
export const RESOURCES = {
  en: { ...en, account: accountEn, importer: importerEn },
  zh: { ...zh, account: accountZh, importer: importerZh },
};
