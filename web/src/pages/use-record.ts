import { useParams } from "react-router-dom";
import type { DetailResponse } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import type { KindPath } from "../kinds.ts";

/** The record named by the route's `:id`, from `GET /api/v1/{kind}/{id}`. */
export function useRecord<T>(kind: KindPath) {
  const { id = "" } = useParams();
  const state = useApi<DetailResponse<T>>(`/api/v1/${kind}/${encodeURIComponent(id)}`);
  // A record of another id (the previous page's) is never shown as this one.
  const current = state.data && (state.data.data as { id?: string }).id === id ? state.data : undefined;
  return { ...state, data: current, id };
}
