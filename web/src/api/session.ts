import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { ApiError } from "./client.ts";

/** An organisation role, weakest first. */
export const ROLES = ["viewer", "editor", "approver", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in user as `GET /api/v1/me` describes them. */
export interface SessionUser {
  id: string;
  email: string;
  platformAdmin: boolean;
  mustChangePassword: boolean;
  via: "session" | "token";
  scopes: string[];
  memberships: Array<{ organisation: string; role: Role }>;
}

export interface SessionState {
  /** `unknown` until the first `GET /api/v1/me` answers. */
  status: "unknown" | "signed-out" | "signed-in";
  user?: SessionUser;
  csrfToken?: string;
}

/** An API refusal with the contract's `details` (field errors, `currentVersion`…). */
export class ApiFailure extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(status, code, message);
    this.name = "ApiFailure";
  }
}

// A hint, not a secret: "this browser signed in", so that anonymous visitors never ask GET /me (a 401 each page).
const HINT = "beltroad.session";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

let state: SessionState = { status: hinted() ? "unknown" : "signed-out" };
let loading: Promise<void> | undefined;
const listeners = new Set<() => void>();

function hinted(): boolean {
  try {
    return localStorage.getItem(HINT) === "1";
  } catch {
    return true;
  }
}

function hint(on: boolean) {
  try {
    if (on) localStorage.setItem(HINT, "1");
    else localStorage.removeItem(HINT);
  } catch {
    // storage disabled: GET /me is asked on every page instead
  }
}

function set(next: SessionState) {
  state = next;
  hint(next.status === "signed-in");
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function toFailure(res: Response): Promise<ApiFailure> {
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    return new ApiFailure(
      res.status,
      body.error?.code ?? "http_error",
      body.error?.message ?? res.statusText,
      body.error?.details ?? null,
    );
  } catch {
    return new ApiFailure(res.status, "http_error", res.statusText || `HTTP ${res.status}`, null);
  }
}

/**
 * `fetch` for the signed-in portal: same-origin credentials, JSON, and the
 * session's `X-CSRF-Token` on every write. A non-2xx answer throws an
 * `ApiFailure` carrying the contract's `{ error: { code, message, details } }`;
 * a 401 also marks the session as ended.
 *
 * @example
 *   const res = await authFetch(`/api/v1/proposals/${id}/consent`, { method: "POST", json: {} });
 */
export async function authFetch(url: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const method = (init.method ?? "GET").toUpperCase();
  const headers = new Headers(init.headers);
  headers.set("Accept", "application/json");
  if (init.json !== undefined && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  if (UNSAFE.has(method) && state.csrfToken) headers.set("X-CSRF-Token", state.csrfToken);
  const { json, ...rest } = init;
  const res = await fetch(url, {
    ...rest,
    method,
    headers,
    credentials: "same-origin",
    body: json !== undefined ? JSON.stringify(json) : init.body,
  });
  if (res.ok) return res;
  const failure = await toFailure(res);
  if (res.status === 401 && state.status === "signed-in") set({ status: "signed-out" });
  throw failure;
}

/** `authFetch` and parse the JSON answer. */
export async function authJson<T>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const res = await authFetch(url, init);
  return res.status === 204 ? (undefined as T) : ((await res.json()) as T);
}

/** Asks the server who is signed in (`GET /api/v1/me`); a 401 means nobody. */
export function refreshSession(): Promise<void> {
  loading ??= (async () => {
    try {
      const res = await fetch("/api/v1/me", { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (res.ok) {
        const body = (await res.json()) as { user: SessionUser; csrfToken?: string };
        set({ status: "signed-in", user: body.user, csrfToken: body.csrfToken });
      } else set({ status: "signed-out" });
    } catch {
      set({ status: "signed-out" });
    } finally {
      loading = undefined;
    }
  })();
  return loading;
}

/** Signs in; resolves with the user (who may have to change their password first) or throws an `ApiFailure`. */
export async function signIn(email: string, password: string): Promise<SessionUser> {
  const body = await authJson<{ user: Omit<SessionUser, "via" | "scopes" | "memberships">; csrfToken: string }>(
    "/api/v1/auth/login",
    { method: "POST", json: { email, password } },
  );
  state = { ...state, csrfToken: body.csrfToken };
  await refreshSession();
  if (!state.user) throw new ApiFailure(401, "unauthenticated", "the session did not start", null);
  return state.user;
}

/** Signs out (the server ends the session and clears its cookie); signed out locally whatever happens. */
export async function signOut(): Promise<void> {
  try {
    await authFetch("/api/v1/auth/logout", { method: "POST" });
  } finally {
    set({ status: "signed-out" });
  }
}

/** Changes the signed-in user's password (`POST /api/v1/me/password`) and reloads who they are. */
export async function changePassword(current: string, password: string): Promise<void> {
  await authFetch("/api/v1/me/password", { method: "POST", json: { current, password } });
  await refreshSession();
}

/**
 * The session: who is signed in, their organisations and roles. The first
 * component to ask loads it.
 *
 * @example
 *   const { user, status } = useSession();
 */
export function useSession() {
  const current = useSyncExternalStore(subscribe, () => state);
  useEffect(() => {
    if (current.status === "unknown") void refreshSession();
  }, [current.status]);
  return {
    ...current,
    signIn,
    signOut,
    refresh: refreshSession,
    /** The user's role in `organisation`, if any. */
    roleIn: (organisation: string): Role | undefined =>
      current.user?.memberships.find((m) => m.organisation === organisation)?.role,
  };
}

/** True when `held` is at least `needed`. */
export function roleAtLeast(held: Role | undefined, needed: Role): boolean {
  return held !== undefined && ROLES.indexOf(held) >= ROLES.indexOf(needed);
}

export interface Loaded<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * GETs `url` with the session's credentials (never cached: what a user may see changes when they sign in or out);
 * `null` fetches nothing. `reload()` fetches it again.
 */
export function useAuthApi<T>(url: string | null): Loaded<T> {
  const [tick, setTick] = useState(0);
  const [result, setResult] = useState<Omit<Loaded<T>, "reload">>({
    data: undefined,
    error: undefined,
    loading: url !== null,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is what reload() changes
  useEffect(() => {
    if (url === null) {
      setResult({ data: undefined, error: undefined, loading: false });
      return;
    }
    const controller = new AbortController();
    setResult((r) => ({ ...r, loading: true }));
    authJson<T>(url, { signal: controller.signal }).then(
      (data) => {
        if (!controller.signal.aborted) setResult({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted)
          setResult({
            data: undefined,
            error: error instanceof Error ? error : new Error(String(error)),
            loading: false,
          });
      },
    );
    return () => controller.abort();
  }, [url, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...result, reload };
}

/**
 * The message to show for a failed request: the translation of its error code under `account.error.*` when
 * there is one, else the server's own message (which never says whether an account exists).
 */
export function failureMessage(t: (key: string, options?: { defaultValue: string }) => string, error: unknown) {
  if (error instanceof ApiError) return t(`account.error.${error.code}`, { defaultValue: error.message });
  return error instanceof Error ? error.message : String(error);
}
