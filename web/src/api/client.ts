/** An API answer that was not 2xx, with the contract's `{ error: { code, message } }` when the server gave one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export type Params = Record<string, string | number | undefined | null>;

/**
 * A same-origin API URL; empty parameters are left out.
 *
 * @example
 *   apiUrl("/api/v1/projects", { country: "LAO", q: "" }) // "/api/v1/projects?country=LAO"
 */
export function apiUrl(path: string, params: Params = {}): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") search.set(k, String(v));
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

/** GETs `url` and parses JSON; throws `ApiError` on a non-2xx answer. */
export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { signal, headers: { Accept: "application/json" } });
  if (!res.ok) throw await toError(res);
  return (await res.json()) as T;
}

/** GETs `url` as text (CSV, GeoJSON downloads); throws `ApiError` on a non-2xx answer. */
export async function getText(url: string, accept: string, signal?: AbortSignal): Promise<string> {
  const res = await fetch(url, { signal, headers: { Accept: accept } });
  if (!res.ok) throw await toError(res);
  return res.text();
}

async function toError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    return new ApiError(res.status, body.error?.code ?? "http_error", body.error?.message ?? res.statusText);
  } catch {
    return new ApiError(res.status, "http_error", res.statusText || `HTTP ${res.status}`);
  }
}

/** POSTs JSON to `url`; returns the status (200 or 202…) and the parsed answer; throws `ApiError` on a non-2xx one. */
export async function postJson<T>(
  url: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method: "POST",
    signal,
    headers: { Accept: "application/json", "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw await toError(res);
  return { status: res.status, body: (await res.json()) as T };
}
