import type { PresenceLease } from "@health/platform/redis";
import type { GroupMember } from "./groupMember.ts";

/**
 * What a group's source yields: an event's payload (serialized once); the group's final key with the
 * presence key (a Redis key) its members are counted under, when the subgraph declared one; or the end
 * of one caller's members (`dismiss`: their user id), each sent `payload` (the reason) and completed.
 */
export type GroupSignal =
  | { payload: Buffer; dismiss?: undefined }
  | { rekey: string; presence?: string | null }
  | { dismiss: string; payload: Buffer };

/** Counts members present under a key across router instances (`@health/platform/redis` Presence). */
export interface MemberPresence {
  join(key: string): Promise<PresenceLease>;
}

interface Group {
  key: string;
  members: Set<GroupMember>;
  source: AsyncIterator<GroupSignal>;
  closed: boolean;
  presence: string | null;
}

/**
 * Groups of identical subscriptions (README.md beside this file says when two are identical). The first
 * member of a key opens the group's source; each event the source yields is written to every member;
 * the last member to leave closes the source. A source may re-key its group once it has learned the
 * visibility scope; a group re-keyed onto an existing one hands its members over and closes.
 */
export class SubscriptionGroups {
  private readonly groups = new Map<string, Group>();
  private readonly groupOf = new Map<GroupMember, Group>();
  private readonly leases = new Map<GroupMember, Promise<PresenceLease | null>>();

  /** `presence`: where members are counted when their subgraph declared a presence key (none: not counted). */
  constructor(private readonly presence?: MemberPresence) {}

  /** How many groups (upstream operations) are open, for tests and metrics. */
  get size(): number {
    return this.groups.size;
  }

  /** How many members the group under `key` has (0 when there is none). */
  membersOf(key: string): number {
    return this.groups.get(key)?.members.size ?? 0;
  }

  join(key: string, member: GroupMember, open: () => AsyncIterator<GroupSignal>): void {
    let group = this.groups.get(key);
    if (!group) {
      group = { key, members: new Set(), source: open(), closed: false, presence: null };
      this.groups.set(key, group);
      void this.pump(group);
    }
    group.members.add(member);
    this.groupOf.set(member, group);
    if (group.presence) this.countPresent(member, group.presence);
  }

  /** Takes `member` out of its group; closes the group's source when it was the last one. */
  leave(member: GroupMember): void {
    const group = this.groupOf.get(member);
    if (!group) return;
    this.groupOf.delete(member);
    group.members.delete(member);
    this.uncount(member);
    if (group.members.size === 0) this.close(group);
  }

  private countPresent(member: GroupMember, key: string): void {
    if (!this.presence || this.leases.has(member)) return;
    // Presence is a figure, never a reason to refuse a subscriber: a Redis failure leaves it uncounted.
    this.leases.set(
      member,
      this.presence.join(key).catch(() => null),
    );
  }

  private uncount(member: GroupMember): void {
    const lease = this.leases.get(member);
    if (!lease) return;
    this.leases.delete(member);
    void lease.then((l) => l?.leave());
  }

  private async pump(group: Group): Promise<void> {
    try {
      for (;;) {
        const next = await group.source.next();
        if (next.done || group.closed) break;
        const signal = next.value;
        if ("rekey" in signal) {
          if (signal.presence && !group.presence) {
            group.presence = signal.presence;
            for (const member of group.members) this.countPresent(member, signal.presence);
          }
          if (!this.rekey(group, signal.rekey)) return;
          continue;
        }
        if (signal.dismiss !== undefined) {
          // The subgraph ended this caller's part of a shared stream (a ban): the others go on.
          for (const member of group.members)
            if (member.callerId === signal.dismiss) member.dismiss(signal.payload);
          continue;
        }
        // Members may leave during the loop (a write that finds a slow socket cuts it off).
        for (const member of group.members) member.deliver(signal.payload);
      }
      this.finish(group, null);
    } catch (error) {
      this.finish(group, error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** False when `group` merged into an existing group (and closed). */
  private rekey(group: Group, key: string): boolean {
    if (key === group.key) return true;
    if (this.groups.get(group.key) === group) this.groups.delete(group.key);
    const existing = this.groups.get(key);
    if (!existing) {
      group.key = key;
      if (!group.closed) this.groups.set(key, group);
      return true;
    }
    existing.presence ??= group.presence;
    for (const member of group.members) {
      existing.members.add(member);
      this.groupOf.set(member, existing);
    }
    group.members.clear();
    this.close(group);
    return false;
  }

  private close(group: Group): void {
    if (group.closed) return;
    group.closed = true;
    if (this.groups.get(group.key) === group) this.groups.delete(group.key);
    void group.source.return?.();
  }

  private finish(group: Group, failure: Error | null): void {
    this.close(group);
    for (const member of [...group.members]) {
      this.uncount(member);
      member.end(failure);
    }
  }
}
