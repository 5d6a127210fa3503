import type { Actor } from "@health/platform/auth";
import { conflict, notFound } from "@health/platform/errors";
import { isUuid } from "@health/platform/graphql";
import { isUniqueViolation } from "@health/platform/prisma";
import type { UserDb } from "../../db.ts";
import type { DeviceBinding } from "../../generated/prisma/client.ts";
import { readHealthData } from "../access/healthData.ts";
import { visibleDeviceTypes } from "../access/revealedMetrics.ts";
import { type BindDeviceCommand, validateDevice } from "./bindingRules.ts";

/** Binds a device to the caller; a device (its external id) is bound at most once per user. */
export async function bindDevice(db: UserDb, actor: Actor, input: BindDeviceCommand): Promise<DeviceBinding> {
  const device = validateDevice(input);
  try {
    return await db.deviceBinding.create({ data: { userId: actor.userId, ...device } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw conflict(`Device ${device.externalId} is already bound to your account.`, {
      externalId: device.externalId,
    });
  }
}

/** Unbinds one of the caller's devices; someone else's binding is reported as not found. */
export async function unbindDevice(db: UserDb, actor: Actor, id: string): Promise<DeviceBinding> {
  if (!isUuid(id)) throw notFound("Device binding", id);
  const binding = await db.deviceBinding.findFirst({ where: { id, userId: actor.userId } });
  if (!binding) throw notFound("Device binding", id);
  await db.deviceBinding.deleteMany({ where: { id, userId: actor.userId } });
  return binding;
}

/**
 * Devices of many owners (the DataLoader batch behind `deviceBindings`), each read checked and logged;
 * a coach sees the device types whose metrics their grants cover (`DEVICE_METRICS`).
 */
export function deviceBindingsOf(db: UserDb, actor: Actor, ownerIds: readonly string[], now: Date) {
  const reads = ownerIds.map((ownerId) => ({ ownerId, resource: "DEVICE_BINDINGS" as const }));
  return readHealthData(db, actor, reads, now, async (tx, allowed) => {
    const rows = await tx.deviceBinding.findMany({
      where: { userId: { in: allowed.map((a) => a.read.ownerId) } },
      orderBy: [{ boundAt: "desc" }, { id: "desc" }],
    });
    return allowed.map(({ read, decision }) => {
      const types = decision.metrics ? visibleDeviceTypes(decision.metrics) : null;
      return rows.filter((r) => r.userId === read.ownerId && (!types || types.includes(r.deviceType)));
    });
  });
}
