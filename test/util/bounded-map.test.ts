import { describe, expect, it } from "vitest";
import { BoundedMap } from "../../src/util/bounded-map.js";

describe("BoundedMap", () => {
  it("drops the oldest insertion beyond its capacity; reading does not make an entry newer", () => {
    const map = new BoundedMap<string, number>(2);
    map.set("a", 1);
    map.set("b", 2);
    expect(map.get("a")).toBe(1);
    map.set("c", 3);
    expect([map.get("a"), map.get("b"), map.get("c"), map.size]).toEqual([undefined, 2, 3, 2]);
  });

  it("keeps a replaced key in its place in line; delete and set again moves it to the newest end", () => {
    const map = new BoundedMap<string, number>(2);
    map.set("a", 1);
    map.set("b", 2);
    map.set("a", 10);
    map.set("c", 3);
    expect([map.get("a"), map.get("b")]).toEqual([undefined, 2]);
    map.delete("b");
    map.set("b", 20);
    map.set("d", 4);
    expect([map.get("c"), map.get("b"), map.get("d")]).toEqual([undefined, 20, 4]);
  });

  it("remembers computed values, undefined included, and computes each key once while it is held", () => {
    const map = new BoundedMap<string, number | undefined>(10);
    const calls: string[] = [];
    const compute = (key: string) => {
      calls.push(key);
      return key === "none" ? undefined : key.length;
    };
    expect([map.remember("drie", compute), map.remember("drie", compute), map.remember("none", compute), map.remember("none", compute)]).toEqual([
      4,
      4,
      undefined,
      undefined,
    ]);
    expect(calls).toEqual(["drie", "none"]);
  });
});
