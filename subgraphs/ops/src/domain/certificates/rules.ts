import type { Actor } from "@health/platform/auth";
import { badInput, conflict, forbidden } from "@health/platform/errors";

export const MAX_NAME_LENGTH = 200;
export const MAX_NUMBER_LENGTH = 100;
export const MAX_URL_LENGTH = 500;
export const MAX_REASON_LENGTH = 1_000;

/** What a coach submits about one certificate: at least a number or a url, so an admin can check it. */
export interface SubmitCertificateCommand {
  name: string;
  issuer: string;
  number?: string | null;
  url?: string | null;
}

export interface ValidCertificate {
  name: string;
  issuer: string;
  number: string | null;
  url: string | null;
}

function text(value: string, field: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > max) {
    throw badInput(field, `${field} must be 1–${max} characters.`);
  }
  return trimmed;
}

function optional(value: string | null | undefined, field: string, max: number): string | null {
  if (value === null || value === undefined || value.trim() === "") return null;
  return text(value, field, max);
}

/** Checks a certificate from a client (BAD_USER_INPUT naming the field); values trimmed. */
export function parseCertificate(input: SubmitCertificateCommand, field = "input"): ValidCertificate {
  const certificate = {
    name: text(input.name, `${field}.name`, MAX_NAME_LENGTH),
    issuer: text(input.issuer, `${field}.issuer`, MAX_NAME_LENGTH),
    number: optional(input.number, `${field}.number`, MAX_NUMBER_LENGTH),
    url: optional(input.url, `${field}.url`, MAX_URL_LENGTH),
  };
  if (certificate.url !== null && !/^https?:\/\/\S+$/i.test(certificate.url)) {
    throw badInput(`${field}.url`, `${field}.url must be an http(s) address.`);
  }
  if (certificate.number === null && certificate.url === null) {
    throw badInput(
      `${field}.number`,
      `Give ${field}.number or ${field}.url, so an admin can check the certificate.`,
    );
  }
  return certificate;
}

export type CertificateDecision = "VERIFIED" | "REJECTED";

/**
 * Whether `reviewer` (an admin, by the resolver) may decide a certificate: never their own, and only
 * while it is pending (a decided certificate is CONFLICT with its status).
 */
export function decideReview(
  certificate: { id: string; coachId: string; status: string },
  reviewer: Actor,
): void {
  if (certificate.coachId === reviewer.userId) {
    throw forbidden("You cannot review your own certificate: another admin decides it.");
  }
  if (certificate.status !== "PENDING") {
    throw conflict(`Certificate ${certificate.id} is already ${certificate.status.toLowerCase()}.`, {
      currentStatus: certificate.status,
    });
  }
}

/** A rejection's reason, trimmed (the coach reads it). */
export const parseReason = (reason: string): string => text(reason, "reason", MAX_REASON_LENGTH);
