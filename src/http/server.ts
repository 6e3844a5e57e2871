import { type ServerType, serve } from "@hono/node-server";
import type { Db } from "../store/database.ts";
import { createApp } from "./app.ts";

/** Starts listening; resolves with the server and its URL once the port is bound. */
export function startServer(store: Db, port: number, host: string): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: createApp(store).fetch, port, hostname: host }, (info) => {
      const shown = host.includes(":") ? `[${host}]` : host;
      resolve({ server, url: `http://${shown}:${info.port}/` });
    });
    server.once("error", reject);
  });
}
