// Every gpt2 and llama recipe `nninit models` lists (gpt2, gpt2-medium/large/xl, llama, llama-1b)
// has a torch replay whose tensors (names, shapes, order) are the tape recipe's: the two are the
// same checkpoint drawn two ways. Planned only (the big ones are billions of values).

import { describe, expect, it } from "vitest";
import { MODELS, resolveConfig, buildRecipe, torchReplayOf } from "../../src/models/index.js";
import { modelPlan, REPLAY_CONFIG_KEYS, type ModelName } from "../../src/torch/models/state-dict.js";

const names = Object.keys(MODELS).filter((m) => MODELS[m].family === "gpt2" || MODELS[m].family === "llama");

describe("Hugging Face recipes and their torch replays", () => {
  it("covers every gpt2 and llama recipe", () => {
    expect(names).toEqual(expect.arrayContaining(["gpt2", "gpt2-medium", "gpt2-large", "gpt2-xl", "llama", "llama-1b"]));
  });
  it.each(names)("%s: same names, shapes and order as the tape recipe", (name) => {
    const config = resolveConfig(name);
    const replay = torchReplayOf(config)!;
    expect(replay.source).toBe("transformers");
    const keys = REPLAY_CONFIG_KEYS[replay.name as ModelName];
    const picked = Object.fromEntries(keys.filter((k) => config[k] !== undefined).map((k) => [k, config[k]]));
    const plan = modelPlan("stateDict", replay.name, picked);
    const planned = plan.output(true).map((e) => [e.name, plan.slots[e.slot].shape]);
    const tape = buildRecipe(config).tensors.map((t) => [t.name, t.shape]);
    expect(planned).toEqual(tape);
  });
});
