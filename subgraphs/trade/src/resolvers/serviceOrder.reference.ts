import type { TradeContext } from "../context.ts";
import { canViewOrder } from "../domain/orders/rules.ts";
import { type ServiceOrder, toServiceOrder } from "../model/serviceOrder.ts";

/** `_entities` for ServiceOrder: through the per-request loader; null unless the caller may see it. */
export async function resolveServiceOrderReference(
  reference: { __typename: string } & Record<string, unknown>,
  ctx: TradeContext,
): Promise<ServiceOrder | null> {
  const order = await ctx.loaders.serviceOrder.load(String(reference.id));
  if (!order || !ctx.actor || !canViewOrder(ctx.actor, order)) return null;
  return toServiceOrder(order);
}
