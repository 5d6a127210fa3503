import { describe, expect, it } from "vitest";
import { orderAvailableScope } from "../src/domain/notifications/streams.ts";

// Two subscribers with the same scope are served by one execution in the router
// (router/src/subscriptions/README.md): equal scopes must mean equal streams.

const rules = { specialties: ["nutrition", "yoga"], regions: ["shanghai"], level: 3, capacity: 2 };

describe("orderAvailable's visibility scope", () => {
  it("is the same for coaches whose matching rules are the same, whatever their order or capacity", () => {
    expect(orderAvailableScope({ ...rules, specialties: ["yoga", "nutrition"], capacity: 9 }, null)).toBe(
      orderAvailableScope(rules, null),
    );
  });

  it("differs whenever a rule the stream filters with differs", () => {
    const scope = orderAvailableScope(rules, null);
    expect(orderAvailableScope({ ...rules, regions: ["beijing"] }, null)).not.toBe(scope);
    expect(orderAvailableScope({ ...rules, specialties: ["nutrition"] }, null)).not.toBe(scope);
    expect(orderAvailableScope({ ...rules, level: 4 }, null)).not.toBe(scope);
    // A tag boundary cannot be forged by joining tags.
    expect(orderAvailableScope({ ...rules, regions: ["a", "b"] }, null)).not.toBe(
      orderAvailableScope({ ...rules, regions: ["a,b"] }, null),
    );
  });

  it("is private for a resume: the replay of missed notifications is this subscriber's own", () => {
    expect(orderAvailableScope(rules, "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")).toBeNull();
  });
});
