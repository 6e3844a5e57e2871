/**
 * Tables of accounts, consultation and audit (migration 0003-governance).
 * Timestamps are ISO-8601 text; booleans 0/1; ids are random text.
 */
export interface GovernanceTables {
  users: UsersTable;
  memberships: { user_id: string; org_id: string; role: string; created_at: string };
  /** `id` is the SHA-256 of the session token, never the token. */
  sessions: { id: string; user_id: string; created_at: string; expires_at: string };
  api_tokens: ApiTokensTable;
  proposals: ProposalsTable;
  proposal_consents: ProposalConsentsTable;
  comments: CommentsTable;
  audit_log: AuditLogTable;
  /** One row (id 1): the last entry of the chain; updating it is how writers queue for the chain. */
  audit_head: { id: number; seq: number; hash: string };
}

export interface UsersTable {
  id: string;
  /** Lower case. */
  email: string;
  password_hash: string;
  platform_admin: number;
  must_change_password: number;
  created_at: string;
  disabled_at: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  /** SHA-256 of the token, hex. */
  token_hash: string;
  /** Comma-separated scopes. */
  scopes: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface ProposalsTable {
  id: string;
  record_id: string;
  kind: string;
  operation: string;
  /** The record's version the proposal was made against. */
  base_version: number;
  /** The proposed record (update) or freight statistic (statistic), canonical JSON; null otherwise. */
  doc: string | null;
  note: string | null;
  /** open, applied, withdrawn, conflict */
  status: string;
  created_by: string;
  created_org: string | null;
  created_at: string;
  closed_at: string | null;
  result_version: number | null;
}

export interface ProposalConsentsTable {
  proposal_id: string;
  org_id: string;
  /** pending, consent, object */
  decision: string;
  user_id: string | null;
  comment_id: string | null;
  decided_at: string | null;
}

export interface CommentsTable {
  id: string;
  record_id: string;
  parent_id: string | null;
  proposal_id: string | null;
  author_id: string;
  org_id: string | null;
  body: string;
  created_at: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  /** Canonical JSON. */
  detail: string;
  /** SHA-256 of the entry's fields (see audit.repository.ts). */
  digest: string;
  prev_hash: string;
  /** SHA-256 of prev_hash and digest. */
  hash: string;
}
