import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { DeviceType } from "../domain/devices/bindingRules.ts";

registerEnumType(DeviceType, { name: "DeviceType" });

@ObjectType({ description: "A device bound to a user; its `externalId` is bound at most once per user." })
export class DeviceBinding {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  userId!: string;

  @Field(() => DeviceType)
  deviceType!: DeviceType;

  @Field(() => String, { description: "The vendor's id for the device (serial, MAC, account device id)." })
  externalId!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => Date)
  boundAt!: Date;
}
