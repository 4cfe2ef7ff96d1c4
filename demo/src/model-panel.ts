// The "A model" panel: GPT-2's tensors as transformers initializes them (nninit/checkpoint's
// recipe), written in the browser as a safetensors file and handed over as a Blob download; and
// the same model initialized on the GPU (gpu-panel.ts).

import { tensorSources, parameterCount, safetensorsBlob, checkpointMetadata, type ModelRecipe } from "nninit/checkpoint";
import type { Dtype } from "nninit";
import { setupGpuPanel } from "./gpu-panel.js";
import { MODELS, FIRST_MODEL, recipeOf } from "./models.js";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const count = (n: number) => n.toLocaleString("en-US");

/**
 * The file's bytes as a Blob, stamped with the same metadata `nninit init` writes (the package
 * and tape-contract versions, the recipe, its config, the seed, the dtype), so `nninit inspect`
 * checks each tensor's law and `nninit verify` regenerates it byte for byte.
 */
export async function modelBlob(recipe: ModelRecipe, seed: number, dtype: Dtype): Promise<Blob> {
  const metadata = checkpointMetadata({ recipe, seed: BigInt(seed), dtype, torch: false });
  return safetensorsBlob(tensorSources(recipe, seed, dtype), { metadata });
}

export function setupModelPanel(): void {
  const model = $<HTMLSelectElement>("model"), seed = $<HTMLInputElement>("model-seed"), dtype = $<HTMLSelectElement>("model-dtype");
  const button = $<HTMLButtonElement>("download"), status = $("download-status");
  for (const [key, m] of Object.entries(MODELS)) model.add(new Option(m.label, key));
  model.value = FIRST_MODEL;

  button.addEventListener("click", async () => {
    button.disabled = true;
    status.classList.remove("error");
    try {
      const recipe = recipeOf(model.value);
      status.textContent = `writing ${count(parameterCount(recipe))} parameters…`;
      const t0 = performance.now();
      const blob = await modelBlob(recipe, Number(seed.value || 0), dtype.value as Dtype);
      const ms = performance.now() - t0;
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = `${model.value}-seed${Number(seed.value || 0)}-${dtype.value}.safetensors`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
      status.textContent = `${a.download}: ${count(blob.size)} bytes, ${recipe.tensors.length} tensors, ${count(parameterCount(recipe))} parameters, written in ${ms.toFixed(0)} ms`;
    } catch (e) {
      status.textContent = (e as Error).message;
      status.classList.add("error");
    } finally {
      button.disabled = false;
    }
  });
  setupGpuPanel({ seed: () => Number(seed.value || 0), dtype: () => dtype.value as Dtype });
}
