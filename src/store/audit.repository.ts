import { createHash } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import { canonicalJson } from "../core/canonical-json.ts";
import { type Engine, insertRows, parameterChunks } from "./engine.ts";
import { AUDIT_GENESIS } from "./migrations/0003-governance.ts";
import type { Database } from "./schema.ts";

type Tx = Kysely<Database> | Transaction<Database>;

/** What a write says about itself in the audit log. Never put a password or token in `detail`. */
export interface AuditEvent {
  readonly at: string;
  /** A user id, or `seed` / `system`. */
  readonly actor: string;
  /** `record.create`, `record.update`, `statistic.create`, `proposal.consent`, `auth.login`… */
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly detail: Record<string, unknown>;
}

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  /** Canonical JSON text, hashed as it is stored. */
  readonly detail: string;
  readonly digest: string;
  readonly prevHash: string;
  readonly hash: string;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** SHA-256 of an entry's own fields (as canonical JSON), independent of the chain. */
export function entryDigest(e: Omit<AuditEntry, "digest" | "prevHash" | "hash">): string {
  return sha256(canonicalJson([e.seq, e.at, e.actor, e.action, e.entity, e.entityId, e.detail]));
}

/** The chain link: SHA-256 over the previous entry's hash and this entry's digest. */
export function chainHash(prevHash: string, digest: string): string {
  return sha256(`${prevHash}\n${digest}`);
}

/**
 * Takes the audit chain for the rest of the transaction: an UPDATE of the one
 * `audit_head` row, which PostgreSQL row-locks and SQLite serialises with its
 * write lock, so two writers queue instead of forking the chain. Take it
 * before touching any other row (one lock order, no deadlock). Re-taking it
 * in the same transaction is harmless.
 */
export async function lockAuditChain(tx: Tx): Promise<void> {
  if (tx.isTransaction && heads.has(tx)) return;
  await tx
    .updateTable("audit_head")
    .set((eb) => ({ seq: eb.ref("seq") }))
    .where("id", "=", 1)
    .execute();
  if (tx.isTransaction) heads.set(tx, undefined);
}

/**
 * The chain head as this transaction last left it. Once a transaction holds
 * the chain nobody else can move the head, so bulk writers (seed, imports)
 * take the lock and read the head once, not for every entry.
 */
const heads = new WeakMap<object, { seq: number; hash: string } | undefined>();

/**
 * Appends one entry to the hash chain. Call inside the transaction of the write it describes.
 *
 * @example
 *   await appendAudit(tx, { at: now, actor: "seed", action: "record.create", entity: "record", entityId: id, detail: { version: 1 } });
 */
export async function appendAudit(tx: Tx, event: AuditEvent): Promise<AuditEntry> {
  const [entry] = await appendAudits(tx, [event]);
  return entry!;
}

/**
 * Appends entries to the hash chain in order: chained in memory, written with
 * multi-row inserts and one update of the head. Call inside the transaction
 * of the writes they describe. With the `engine`, the inserts use SQL written
 * once per shape (`insertRows`) instead of the query builder: for bulk writers.
 *
 * @example
 *   await appendAudits(tx, records.map((r) => ({ at: now, actor: "import", action: "record.create", entity: "record", entityId: r.id, detail: {} })));
 */
export async function appendAudits(tx: Tx, events: readonly AuditEvent[], engine?: Engine): Promise<AuditEntry[]> {
  if (events.length === 0) return [];
  await lockAuditChain(tx);
  let head =
    (tx.isTransaction ? heads.get(tx) : undefined) ??
    (await tx.selectFrom("audit_head").select(["seq", "hash"]).where("id", "=", 1).executeTakeFirstOrThrow());
  const entries = events.map((event): AuditEntry => {
    const base = {
      seq: Number(head.seq) + 1,
      at: event.at,
      actor: event.actor,
      action: event.action,
      entity: event.entity,
      entityId: event.entityId,
      detail: canonicalJson(event.detail),
    };
    const digest = entryDigest(base);
    const entry = { ...base, digest, prevHash: head.hash, hash: chainHash(head.hash, digest) };
    head = { seq: entry.seq, hash: entry.hash };
    return entry;
  });
  if (engine)
    await insertRows(
      tx,
      engine,
      "audit_log",
      AUDIT_COLUMNS,
      entries.map((e) => AUDIT_COLUMNS.map((c) => auditRow(e)[c])),
    );
  else
    for (const chunk of parameterChunks(entries, 10))
      await tx.insertInto("audit_log").values(chunk.map(auditRow)).execute();
  await tx.updateTable("audit_head").set({ seq: head.seq, hash: head.hash }).where("id", "=", 1).execute();
  if (tx.isTransaction) heads.set(tx, { seq: head.seq, hash: head.hash });
  return entries;
}

const AUDIT_COLUMNS = [
  "seq",
  "at",
  "actor",
  "action",
  "entity",
  "entity_id",
  "detail",
  "digest",
  "prev_hash",
  "hash",
] as const;

function auditRow(e: AuditEntry) {
  return {
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId,
    detail: e.detail,
    digest: e.digest,
    prev_hash: e.prevHash,
    hash: e.hash,
  };
}

/** Entries after `afterSeq`, in chain order. */
export async function auditPage(db: Tx, afterSeq: number, limit: number): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom("audit_log")
    .selectAll()
    .where("seq", ">", afterSeq)
    .orderBy("seq")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    detail: r.detail,
    digest: r.digest,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

/** The head the writers chain to. */
export async function auditHead(db: Tx): Promise<{ seq: number; hash: string }> {
  const head = await db.selectFrom("audit_head").select(["seq", "hash"]).where("id", "=", 1).executeTakeFirst();
  return head ? { seq: Number(head.seq), hash: head.hash } : { seq: 0, hash: AUDIT_GENESIS };
}

export type Verification =
  | { ok: true; entries: number; head: string }
  | { ok: false; entries: number; brokenAt: number; reason: string };

/**
 * Walks the whole chain: every entry must follow the one before (seq + 1),
 * carry its hash, and hash to what it stores; the head must name the last
 * entry (else entries were cut off the end). Reads in pages.
 */
export async function verifyAuditChain(db: Tx, pageSize = 5000): Promise<Verification> {
  let prevSeq = 0;
  let prevHash = AUDIT_GENESIS;
  for (;;) {
    const page = await auditPage(db, prevSeq, pageSize);
    for (const e of page) {
      const broken = (reason: string): Verification => ({ ok: false, entries: prevSeq, brokenAt: e.seq, reason });
      if (e.seq !== prevSeq + 1) return { ok: false, entries: prevSeq, brokenAt: prevSeq + 1, reason: "missing entry" };
      if (e.prevHash !== prevHash) return broken("does not carry the hash of the entry before");
      if (entryDigest(e) !== e.digest) return broken("its content does not match its digest");
      if (chainHash(e.prevHash, e.digest) !== e.hash) return broken("its hash does not match");
      prevSeq = e.seq;
      prevHash = e.hash;
    }
    if (page.length < pageSize) break;
  }
  const head = await auditHead(db);
  if (head.seq !== prevSeq || head.hash !== prevHash)
    return {
      ok: false,
      entries: prevSeq,
      brokenAt: head.seq === prevSeq ? prevSeq : Math.min(head.seq, prevSeq) + 1,
      reason: "the chain head does not name the last entry (entries removed or added outside the log)",
    };
  return { ok: true, entries: prevSeq, head: prevHash };
}
