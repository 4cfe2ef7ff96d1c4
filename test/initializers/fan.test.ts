// Fans per layout and torch's calculate_gain, value by value.

import { describe, expect, it } from "vitest";
import { calculateFanInAndFanOut, calculateGain } from "../../src/index.js";
import { fansOf } from "../../src/fan.js";
import { SHAPES } from "./support.js";

describe("calculateFanInAndFanOut", () => {
  it.each(SHAPES)("$layout $name: fans by hand", ({ shape, layout, fanIn, fanOut }) => {
    expect(calculateFanInAndFanOut(shape, layout)).toEqual([fanIn, fanOut]);
  });

  it("defaults to the torch layout", () => {
    expect(calculateFanInAndFanOut([64, 3, 7, 7])).toEqual([3 * 49, 64 * 49]);
  });

  it("takes explicit axes, negative ones counting from the end", () => {
    // [in, kh, kw, out]: receptive field = kh * kw
    expect(calculateFanInAndFanOut([16, 3, 5, 32], { inAxis: 0, outAxis: 3 })).toEqual([16 * 15, 32 * 15]);
    expect(calculateFanInAndFanOut([16, 3, 5, 32], { inAxis: 0, outAxis: -1 })).toEqual([16 * 15, 32 * 15]);
    expect(calculateFanInAndFanOut([3, 3, 16, 32], { inAxis: -2, outAxis: -1 })).toEqual(calculateFanInAndFanOut([3, 3, 16, 32], "keras"));
    expect(calculateFanInAndFanOut([32, 16, 3, 3], { inAxis: 1, outAxis: 0 })).toEqual(calculateFanInAndFanOut([32, 16, 3, 3], "torch"));
  });

  it("accepts a single length as a 1-D shape (and then needs the keras rules)", () => {
    expect(() => calculateFanInAndFanOut(5)).toThrow(RangeError);
    expect(calculateFanInAndFanOut(5, "keras")).toEqual([5, 5]);
  });

  it("follows Keras's compute_fans for 0-D and 1-D shapes in the keras layout", () => {
    expect(fansOf("t", [], "keras")).toEqual([1, 1]);
    expect(fansOf("t", [7], "keras")).toEqual([7, 7]);
  });

  it("gives 0 fans for zero-element shapes, as torch does", () => {
    expect(calculateFanInAndFanOut([0, 5])).toEqual([5, 0]);
    expect(calculateFanInAndFanOut([4, 2, 0])).toEqual([0, 0]);
  });

  it.each([
    [[5], "torch", RangeError, /calculateFanInAndFanOut: shape must be at least 2-D .*got \[5\]/],
    [[], "torch", RangeError, /at least 2-D/],
    [[5], { inAxis: 0, outAxis: 1 }, RangeError, /at least 2-D/],
    [[3, 4], "tf", RangeError, /layout must be "torch", "keras" or \{ inAxis, outAxis \}, got "tf"/],
    [[3, 4], 3, TypeError, /layout must be/],
    [[3, 4], ["torch"], TypeError, /layout must be/],
    [[3, 4], { inAxis: 0 }, TypeError, /layout.outAxis must be an integer, got undefined/],
    [[3, 4], { inAxis: 0, outAxis: 2 }, RangeError, /layout.outAxis must be an integer in \[-2, 1\], got 2/],
    [[3, 4], { inAxis: 0.5, outAxis: 1 }, RangeError, /layout.inAxis must be an integer/],
    [[3, 4], { inAxis: 1, outAxis: -1 }, RangeError, /layout must name two different axes, got \{ inAxis: 1, outAxis: -1 \}/],
    [[3, -4], "torch", RangeError, /shape\[1\] must be a non-negative integer, got -4/],
    [[3, "4"], "torch", TypeError, /shape\[1\] must be a non-negative integer/],
  ] as const)("rejects %j with layout %j", (shape, layout, kind, message) => {
    const call = () => calculateFanInAndFanOut(shape as unknown as number[], layout as never);
    expect(call).toThrow(kind);
    expect(call).toThrow(message);
  });
});

describe("calculateGain", () => {
  it.each([
    "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "sigmoid",
  ] as const)("%s -> 1", (name) => {
    expect(calculateGain(name)).toBe(1);
  });

  it("tanh -> 5/3, relu -> sqrt(2), selu -> 3/4 (torch's float64 values)", () => {
    expect(calculateGain("tanh")).toBe(5.0 / 3);
    expect(calculateGain("relu")).toBe(Math.SQRT2);
    expect(calculateGain("selu")).toBe(0.75);
  });

  it("leaky_relu -> sqrt(2 / (1 + slope^2)), slope 0.01 by default", () => {
    expect(calculateGain("leaky_relu")).toBe(Math.sqrt(2 / (1 + 0.01 ** 2)));
    expect(calculateGain("leaky_relu", 0.2)).toBe(Math.sqrt(2 / 1.04));
    expect(calculateGain("leaky_relu", 0)).toBe(Math.SQRT2);
    expect(calculateGain("leaky_relu", -1)).toBe(1);
    expect(calculateGain("leaky_relu", Math.sqrt(5))).toBe(Math.sqrt(2 / 6)); // nn.Linear's default
  });

  it("ignores param for the other names, as torch does", () => {
    expect(calculateGain("relu", 0.5)).toBe(Math.SQRT2);
    expect(calculateGain("tanh", true as unknown as number)).toBe(5 / 3);
  });

  it.each([
    [true, TypeError, /calculateGain: param \(the negative slope of leaky_relu\) must be a number, got true/],
    [false, TypeError, /must be a number, got false/],
    ["0.1", TypeError, /must be a number, got "0.1"/],
    [[0.1], TypeError, /must be a number/],
    [1n, TypeError, /must be a number, got 1n/],
    [Number.NaN, RangeError, /param must be a finite number/],
    [Infinity, RangeError, /param must be a finite number/],
  ] as const)("leaky_relu rejects param %s", (param, kind, message) => {
    const call = () => calculateGain("leaky_relu", param as unknown as number);
    expect(call).toThrow(kind);
    expect(call).toThrow(message);
  });

  it.each([
    ["softplus", RangeError],
    ["ReLU", RangeError],
    ["", RangeError],
    [undefined, TypeError],
    [1, TypeError],
  ] as const)("rejects nonlinearity %j", (name, kind) => {
    const call = () => calculateGain(name as never);
    expect(call).toThrow(kind);
    expect(call).toThrow(/calculateGain: nonlinearity must be one of "linear", .*"selu", got/);
  });
});
