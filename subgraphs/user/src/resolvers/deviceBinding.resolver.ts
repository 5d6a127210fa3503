import { actorOf } from "@health/platform/auth";
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { UserContext } from "../context.ts";
import { bindDevice, unbindDevice } from "../domain/devices/bindings.ts";
import { syncDeviceData } from "../domain/devices/sync.ts";
import { BindDeviceInput } from "../model/deviceBinding.inputs.ts";
import { DeviceBinding } from "../model/deviceBinding.ts";
import { SyncDeviceDataInput } from "../model/deviceSync.inputs.ts";
import { SyncDeviceDataPayload, toSyncDeviceDataPayload } from "../model/deviceSync.ts";

@Resolver(() => DeviceBinding)
export class DeviceBindingResolver {
  @Authorized()
  @Query(() => [DeviceBinding], {
    description:
      "Owner, admin, or a coach: only the device types whose metrics are all granted; FORBIDDEN if none.",
  })
  deviceBindings(@Ctx() ctx: UserContext, @Arg("userId", () => ID) userId: string): Promise<DeviceBinding[]> {
    return ctx.loaders.deviceBindings.load(userId);
  }

  /** POST /users/{id}/device-bindings */
  @Authorized()
  @Mutation(() => DeviceBinding, { description: "Binds a device to the caller; CONFLICT if already bound." })
  bindDevice(
    @Ctx() ctx: UserContext,
    @Arg("input", () => BindDeviceInput) input: BindDeviceInput,
  ): Promise<DeviceBinding> {
    return bindDevice(ctx.deps.db, actorOf(ctx), input);
  }

  @Authorized()
  @Mutation(() => DeviceBinding, {
    description: "Unbinds one of the caller's devices; returns what was removed.",
  })
  unbindDevice(@Ctx() ctx: UserContext, @Arg("id", () => ID) id: string): Promise<DeviceBinding> {
    return unbindDevice(ctx.deps.db, actorOf(ctx), id);
  }

  @Authorized()
  @Mutation(() => SyncDeviceDataPayload, {
    description:
      "Stores readings from one of the caller's bound devices in one transaction and publishes device_data_synced.",
  })
  async syncDeviceData(
    @Ctx() ctx: UserContext,
    @Arg("input", () => SyncDeviceDataInput) input: SyncDeviceDataInput,
  ): Promise<SyncDeviceDataPayload> {
    return toSyncDeviceDataPayload(await syncDeviceData(ctx.deps.db, actorOf(ctx), input, new Date()));
  }
}
