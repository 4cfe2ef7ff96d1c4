// The GPT-2-small tensor list (Hugging Face names and shapes, 124,439,808 parameters), the
// whole-model workload: weights normal(0, 0.02), layer-norm weights 1, biases 0.

/** GPT-2 small; the quick run uses the same structure at 1/4 width, 2 layers and a 5K vocabulary. */
export const GPT2_SMALL = { name: "GPT-2 small", vocab: 50257, context: 1024, width: 768, layers: 12 };
export const GPT2_TINY = { name: "GPT-2 tiny (quick)", vocab: 5027, context: 256, width: 192, layers: 2 };

export const WEIGHT_STD = 0.02;

/** [{ name, shape, init: "normal" | "ones" | "zeros" }] in the order a model builds them. */
export function gpt2Tensors({ vocab, context, width: d, layers }) {
  const t = (name, shape, init) => ({ name, shape, init });
  const layerNorm = (p) => [t(`${p}.weight`, [d], "ones"), t(`${p}.bias`, [d], "zeros")];
  const linear = (p, rows, cols) => [t(`${p}.weight`, [rows, cols], "normal"), t(`${p}.bias`, [cols], "zeros")];
  const list = [t("wte", [vocab, d], "normal"), t("wpe", [context, d], "normal")];
  for (let i = 0; i < layers; i++) {
    const h = `h.${i}`;
    list.push(
      ...layerNorm(`${h}.ln_1`),
      ...linear(`${h}.attn.c_attn`, d, 3 * d),
      ...linear(`${h}.attn.c_proj`, d, d),
      ...layerNorm(`${h}.ln_2`),
      ...linear(`${h}.mlp.c_fc`, d, 4 * d),
      ...linear(`${h}.mlp.c_proj`, 4 * d, d),
    );
  }
  list.push(...layerNorm("ln_f"));
  return list;
}

export const numelOf = (shape) => shape.reduce((a, b) => a * b, 1);
export const parameterCount = (tensors) => tensors.reduce((a, x) => a + numelOf(x.shape), 0);

/** What each tensor must look like (checked outside the timed region). */
export const tensorExpect = (init) =>
  init === "normal" ? { mean: 0, std: WEIGHT_STD } : { mean: init === "ones" ? 1 : 0, std: 0, lo: init === "ones" ? 1 : 0, hi: init === "ones" ? 1 : 0 };
