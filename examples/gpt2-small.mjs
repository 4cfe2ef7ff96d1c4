// The parameter list of GPT-2 small (124M, Radford et al. 2019) with Hugging Face's
// initialization: normal(0, 0.02) for embeddings and linear weights, normal(0, 0.02 / sqrt(2 L))
// for the residual projections, zeros for biases, ones / zeros for layer norms.

const D = 768, LAYERS = 12, VOCAB = 50257, CONTEXT = 1024;

/** [{ name, shape, init: "normal" | "ones" | "zeros", std? }] */
export function gpt2SmallTensors() {
  const tensors = [
    { name: "wte", shape: [VOCAB, D], init: "normal", std: 0.02 },
    { name: "wpe", shape: [CONTEXT, D], init: "normal", std: 0.02 },
  ];
  const residualStd = 0.02 / Math.sqrt(2 * LAYERS);
  for (let l = 0; l < LAYERS; l++) {
    const h = `h.${l}`;
    tensors.push(
      { name: `${h}.ln_1.weight`, shape: [D], init: "ones" },
      { name: `${h}.ln_1.bias`, shape: [D], init: "zeros" },
      { name: `${h}.attn.c_attn.weight`, shape: [D, 3 * D], init: "normal", std: 0.02 },
      { name: `${h}.attn.c_attn.bias`, shape: [3 * D], init: "zeros" },
      { name: `${h}.attn.c_proj.weight`, shape: [D, D], init: "normal", std: residualStd },
      { name: `${h}.attn.c_proj.bias`, shape: [D], init: "zeros" },
      { name: `${h}.ln_2.weight`, shape: [D], init: "ones" },
      { name: `${h}.ln_2.bias`, shape: [D], init: "zeros" },
      { name: `${h}.mlp.c_fc.weight`, shape: [D, 4 * D], init: "normal", std: 0.02 },
      { name: `${h}.mlp.c_fc.bias`, shape: [4 * D], init: "zeros" },
      { name: `${h}.mlp.c_proj.weight`, shape: [4 * D, D], init: "normal", std: residualStd },
      { name: `${h}.mlp.c_proj.bias`, shape: [D], init: "zeros" },
    );
  }
  tensors.push({ name: "ln_f.weight", shape: [D], init: "ones" }, { name: "ln_f.bias", shape: [D], init: "zeros" });
  return tensors;
}
