import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 12;

const listFile = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../data/common-passwords/common-passwords.txt",
);
let common: Set<string> | undefined;

/** One of the 10 000 most common passwords (data/common-passwords), compared without regard to case. */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(
    readFileSync(listFile, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((p) => p.toLowerCase()),
  );
  return common.has(password.toLowerCase());
}

/** A password someone chooses: long enough, not a common one. */
export const newPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, "errors.passwordLength")
  .max(1000)
  .refine((p) => !isCommonPassword(p), "errors.passwordCommon");
