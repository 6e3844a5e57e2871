import { Link } from "react-router-dom";
import type { Names, RecordKind } from "../../../src/core/domain/index.ts";
import { recordPath } from "../kinds.ts";
import { useLocalText } from "../names.ts";

/** A link to a record's page, named in the current language. */
export function RecordLink({
  kind,
  id,
  names,
}: {
  kind: RecordKind;
  id: string;
  names?: Names | { en: string; zh?: string };
}) {
  const { text } = useLocalText();
  return <Link to={recordPath(kind, id)}>{names ? text(names) : id}</Link>;
}
