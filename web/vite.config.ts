import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * The portal: `vite build --config web/vite.config.ts` writes `web/dist`, which `beltroad serve` serves at `/`.
 * In development (`vite --config web/vite.config.ts`) the API is proxied to a server on port 8080.
 */
const api = process.env.BELTROAD_API ?? "http://127.0.0.1:8080";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  cacheDir: fileURLToPath(new URL("../node_modules/.vite", import.meta.url)),
  plugins: [react()],
  // Everything the page loads comes from its own origin: no CDN, no web fonts, no tiles.
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // MapLibre's worker is a module; `.js` makes every static server send it as JavaScript.
        assetFileNames: (asset) =>
          asset.names.some((n) => n.endsWith(".mjs")) ? "assets/[name]-[hash].js" : "assets/[name]-[hash][extname]",
      },
    },
  },
  server: {
    host: "127.0.0.1",
    proxy: { "/api": api, "/healthz": api },
  },
  preview: { host: "127.0.0.1", proxy: { "/api": api, "/healthz": api } },
});
