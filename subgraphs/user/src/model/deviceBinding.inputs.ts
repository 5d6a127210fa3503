import { Field, InputType } from "type-graphql";
import { DeviceType } from "../domain/devices/bindingRules.ts";

@InputType()
export class BindDeviceInput {
  @Field(() => DeviceType)
  deviceType!: DeviceType;

  @Field(() => String)
  externalId!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;
}
