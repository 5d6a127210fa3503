import type { Actor } from "@health/platform/auth";
import type { OpsDb } from "../../db.ts";
import type { NotificationChannel, NotificationKind } from "../../generated/prisma/enums.ts";
import { effectivePreferences } from "./preferenceRules.ts";

/** Every kind on every channel for the caller: their choice, or the default (preferenceRules.ts). */
export async function preferencesOf(db: OpsDb, actor: Actor) {
  const choices = await db.notificationPreference.findMany({ where: { userId: actor.userId } });
  return effectivePreferences(choices);
}

/** The caller turns one kind on one channel on or off (their own preferences only: no user argument). */
export async function setPreference(
  db: OpsDb,
  actor: Actor,
  choice: { kind: NotificationKind; channel: NotificationChannel; enabled: boolean },
) {
  await db.notificationPreference.upsert({
    where: { userId_kind_channel: { userId: actor.userId, kind: choice.kind, channel: choice.channel } },
    create: { userId: actor.userId, ...choice },
    update: { enabled: choice.enabled },
  });
  return { ...choice, isDefault: false };
}
