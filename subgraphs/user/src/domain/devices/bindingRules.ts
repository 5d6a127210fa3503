import { badInput } from "@health/platform/errors";

export const DeviceType = {
  SMARTWATCH: "SMARTWATCH",
  FITNESS_TRACKER: "FITNESS_TRACKER",
  SCALE: "SCALE",
  BLOOD_PRESSURE_MONITOR: "BLOOD_PRESSURE_MONITOR",
  GLUCOSE_METER: "GLUCOSE_METER",
  OTHER: "OTHER",
} as const;
export type DeviceType = (typeof DeviceType)[keyof typeof DeviceType];

export interface BindDeviceCommand {
  deviceType: DeviceType;
  externalId: string;
  name?: string | null;
}

export const MAX_EXTERNAL_ID_LENGTH = 128;
export const MAX_DEVICE_NAME_LENGTH = 100;

export function validateDevice(input: BindDeviceCommand): BindDeviceCommand & { name: string | null } {
  const externalId = input.externalId.trim();
  if (externalId.length === 0 || externalId.length > MAX_EXTERNAL_ID_LENGTH) {
    throw badInput("input.externalId", `input.externalId must be 1 to ${MAX_EXTERNAL_ID_LENGTH} characters.`);
  }
  const name = input.name?.trim() || null;
  if (name && name.length > MAX_DEVICE_NAME_LENGTH) {
    throw badInput("input.name", `input.name must be at most ${MAX_DEVICE_NAME_LENGTH} characters.`);
  }
  return { deviceType: input.deviceType, externalId, name };
}
