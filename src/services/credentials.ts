import { createHash, randomBytes } from "node:crypto";
import { type Algorithm, hash, verify } from "@node-rs/argon2";
import { z } from "zod";
import { AppError } from "../core/errors.ts";

// What the account services share: password hashing (argon2id), the email and password rules,
// ids and hashes, and zod parsing that fails as `invalid_request`.

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
const ARGON2 = { algorithm: 2 as Algorithm /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const Email = z.string().trim().toLowerCase().pipe(z.email("not an email address").max(254));
/** At least 12 characters; at most 1024 (hashing cost is bounded). */
export const Password = z
  .string()
  .min(12, "a password needs at least 12 characters")
  .max(1024, "a password has at most 1024 characters");

export const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
export const newId = (prefix: string) => `${prefix}_${randomBytes(10).toString("hex")}`;

/** An argon2id hash (PHC string) of `password`. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

let dummyHash: Promise<string> | undefined;
/** Verifies against a throw-away hash so that an unknown email costs as much time as a wrong password. */
export function dummyVerify(password: string): Promise<boolean> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return dummyHash.then((h) => verify(h, password)).then(() => false);
}

export function parse<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const message = r.error.issues[0]?.message ?? "invalid";
    throw new AppError("invalid_request", `${field}: ${message}`, [{ field, message }]);
  }
  return r.data;
}

export function parseAll<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const details = r.error.issues.map((i) => ({ field: i.path.join("."), message: i.message }));
    throw new AppError("invalid_request", details.map((d) => `${d.field}: ${d.message}`).join("; "), details);
  }
  return r.data;
}
