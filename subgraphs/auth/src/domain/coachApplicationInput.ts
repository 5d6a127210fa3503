import { badInput } from "@health/platform/errors";

export interface CertificateInput {
  name: string;
  issuer: string;
  number?: string | null;
  url?: string | null;
}

export interface CoachApplicationInput {
  specialties: readonly string[];
  regions: readonly string[];
  certificates: readonly CertificateInput[];
}

export interface ValidCertificate {
  name: string;
  issuer: string;
  number: string | null;
  url: string | null;
}

export interface ValidCoachApplication {
  specialties: string[];
  regions: string[];
  certificates: ValidCertificate[];
}

const MAX_TAGS = 20;
const MAX_TAG_LENGTH = 64;
const MAX_CERTIFICATES = 10;
const MAX_TEXT = 200;
const MAX_URL = 500;

// Trimmed and lower-cased, as trade compares specialties and regions, so what an admin approves reads
// the same as the coach's matching rules later.
function parseTags(values: readonly string[], field: string): string[] {
  if (values.length === 0 || values.length > MAX_TAGS)
    throw badInput(field, `${field} must list 1–${MAX_TAGS} values.`);
  const tags = values.map((value, index) => {
    const tag = value.trim().toLowerCase();
    if (tag.length === 0 || tag.length > MAX_TAG_LENGTH)
      throw badInput(`${field}[${index}]`, `${field}[${index}] must be 1–${MAX_TAG_LENGTH} characters.`);
    return tag;
  });
  return [...new Set(tags)];
}

function requiredText(value: string, field: string): string {
  const text = value.trim();
  if (text.length === 0 || text.length > MAX_TEXT)
    throw badInput(field, `${field} must be 1–${MAX_TEXT} characters.`);
  return text;
}

/** Blank counts as absent. */
function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  const text = value?.trim() ?? "";
  if (text.length > max) throw badInput(field, `${field} must be at most ${max} characters.`);
  return text.length > 0 ? text : null;
}

function parseCertificateUrl(value: string | null | undefined, field: string): string | null {
  const text = optionalText(value, field, MAX_URL);
  if (text === null) return null;
  const url = URL.canParse(text) ? new URL(text) : null;
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:"))
    throw badInput(field, `${field} must be an http(s) address where the certificate can be checked.`);
  return url.href;
}

function parseCertificate(input: CertificateInput, field: string): ValidCertificate {
  const certificate = {
    name: requiredText(input.name, `${field}.name`),
    issuer: requiredText(input.issuer, `${field}.issuer`),
    number: optionalText(input.number, `${field}.number`, MAX_TEXT),
    url: parseCertificateUrl(input.url, `${field}.url`),
  };
  if (certificate.number === null && certificate.url === null)
    throw badInput(field, `${field} needs its number or a URL where an admin can check it.`);
  return certificate;
}

/** Checks an application before anything is written; BAD_USER_INPUT names the field at fault. */
export function validateCoachApplication(
  input: CoachApplicationInput,
  field = "input",
): ValidCoachApplication {
  const specialties = parseTags(input.specialties, `${field}.specialties`);
  const regions = parseTags(input.regions, `${field}.regions`);
  if (input.certificates.length === 0 || input.certificates.length > MAX_CERTIFICATES)
    throw badInput(
      `${field}.certificates`,
      `${field}.certificates must list 1–${MAX_CERTIFICATES} certificates an admin can check.`,
    );
  const certificates = input.certificates.map((certificate, index) =>
    parseCertificate(certificate, `${field}.certificates[${index}]`),
  );
  return { specialties, regions, certificates };
}

/** Why a rejection is explained to the applicant; required so they know what to fix. */
export function parseRejectionReason(reason: string, field = "reason"): string {
  const text = reason.trim();
  if (text.length === 0 || text.length > 500)
    throw badInput(field, `${field} must say, in 1–500 characters, why the application is rejected.`);
  return text;
}
