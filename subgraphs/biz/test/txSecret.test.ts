import { describe, expect, it } from "vitest";
import { signStream, txSecretOf, txTimeOf, verifyStreamSignature } from "../src/domain/live/txSecret.ts";

// Tencent's worked example ("Hotlink Protection URL Calculation",
// https://www.tencentcloud.com/document/product/267/31560): KEY e12c46f2612d5106e2034781ab261ca3,
// StreamName "test", txTime 5C271099 give txSecret f85a2ab363fe4deaffef9754d79da6fe.
const TENCENT = {
  key: "e12c46f2612d5106e2034781ab261ca3",
  streamName: "test",
  txTime: "5C271099",
  txSecret: "f85a2ab363fe4deaffef9754d79da6fe",
};
const TENCENT_EXPIRY = new Date(0x5c271099 * 1000);

describe("Tencent's txSecret / txTime", () => {
  it("reproduces the documented example", () => {
    expect(txTimeOf(TENCENT_EXPIRY)).toBe(TENCENT.txTime);
    expect(txSecretOf(TENCENT.key, TENCENT.streamName, TENCENT.txTime)).toBe(TENCENT.txSecret);
    expect(signStream(TENCENT.key, TENCENT.streamName, TENCENT_EXPIRY)).toEqual({
      txSecret: TENCENT.txSecret,
      txTime: TENCENT.txTime,
    });
  });

  it("writes txTime as upper-case hex Unix seconds, dropping milliseconds", () => {
    expect(txTimeOf(new Date(0x5867d600 * 1000 + 999))).toBe("5867D600");
  });

  it("accepts the documented signature before its expiry and refuses it at and after", () => {
    const signature = { txSecret: TENCENT.txSecret, txTime: TENCENT.txTime };
    const before = new Date(TENCENT_EXPIRY.getTime() - 1);
    expect(verifyStreamSignature(TENCENT.key, TENCENT.streamName, signature, before)).toBe("ok");
    expect(verifyStreamSignature(TENCENT.key, TENCENT.streamName, signature, TENCENT_EXPIRY)).toBe("expired");
  });

  it("refuses a signature for another stream, another key, a changed txTime, or none", () => {
    const before = new Date(TENCENT_EXPIRY.getTime() - 1_000);
    const signature = { txSecret: TENCENT.txSecret, txTime: TENCENT.txTime };
    expect(verifyStreamSignature(TENCENT.key, "other", signature, before)).toBe("forged");
    expect(verifyStreamSignature("another-key", TENCENT.streamName, signature, before)).toBe("forged");
    expect(
      verifyStreamSignature(TENCENT.key, TENCENT.streamName, { ...signature, txTime: "5C27109A" }, before),
    ).toBe("forged");
    expect(verifyStreamSignature(TENCENT.key, TENCENT.streamName, {}, before)).toBe("missing");
    // A repeated parameter arrives as an array: not a signature.
    expect(
      verifyStreamSignature(
        TENCENT.key,
        TENCENT.streamName,
        { ...signature, txSecret: [TENCENT.txSecret] },
        before,
      ),
    ).toBe("missing");
    expect(
      verifyStreamSignature(TENCENT.key, TENCENT.streamName, { ...signature, txSecret: "not-hex" }, before),
    ).toBe("forged");
  });
});
