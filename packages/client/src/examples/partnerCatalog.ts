// A partner integration lists the marketplace. Partners run persisted operations by manifest id only
// (schema/persisted-documents.json), with an API key whose scopes include the operation's folder under
// schema/operations/partner/ ("catalog" here).
import {
  ServiceOfferingsDocument,
  type ServiceOfferingsQuery,
  type ServiceOfferingsQueryVariables,
} from "../generated/graphql.ts";
import { type PersistedRequest, persistedRequest } from "../persistedRequest.ts";

export interface PartnerHttpRequest {
  headers: Record<string, string>;
  body: PersistedRequest<ServiceOfferingsQueryVariables>;
}

export function catalogPageRequest(
  apiKey: string,
  filter: { specialty?: string; region?: string },
  after: string | null,
): PartnerHttpRequest {
  return {
    headers: { "content-type": "application/json", "x-api-key": apiKey },
    body: persistedRequest(ServiceOfferingsDocument, { filter, first: 50, after }),
  };
}

export interface CatalogEntry {
  offeringId: string;
  title: string;
  coachName: string;
  /** In the currency's smallest unit (fen for CNY). */
  priceAmount: number;
  currency: string;
}

export function catalogEntriesFrom(data: ServiceOfferingsQuery): CatalogEntry[] {
  return data.serviceOfferings.nodes.map((offering) => ({
    offeringId: offering.id,
    title: `${offering.serviceType} · ${offering.specialty} (${offering.durationMinutes} min, ${offering.region})`,
    coachName: offering.coach.displayName,
    priceAmount: offering.priceAmount,
    currency: offering.currency,
  }));
}
