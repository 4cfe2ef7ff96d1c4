// Model parameter lists for the demo, each tensor with the initializer its framework uses by
// default and the spread that initializer must produce, derived here by hand from the fans
// (independently of nninit's own fan code, so the demo checks it).

const D = 768, LAYERS = 12, VOCAB = 50257, CONTEXT = 1024;

/**
 * GPT-2 small (124M) with Hugging Face's GPT2PreTrainedModel._init_weights: normal(0, 0.02)
 * for embeddings and linear weights, normal(0, 0.02 / sqrt(2 L)) for the residual projections,
 * zeros for biases, ones / zeros for layer norms.
 */
export function gpt2Small() {
  const normal = (name, shape, std) => ({ name, shape, fn: "normal", options: { std }, expect: { std } });
  const constant = (name, shape, value) => ({ name, shape, fn: value ? "ones" : "zeros", options: {}, expect: { value } });
  const residual = 0.02 / Math.sqrt(2 * LAYERS);
  const tensors = [normal("wte", [VOCAB, D], 0.02), normal("wpe", [CONTEXT, D], 0.02)];
  for (let l = 0; l < LAYERS; l++) {
    const h = `h.${l}`;
    tensors.push(
      constant(`${h}.ln_1.weight`, [D], 1), constant(`${h}.ln_1.bias`, [D], 0),
      normal(`${h}.attn.c_attn.weight`, [D, 3 * D], 0.02), constant(`${h}.attn.c_attn.bias`, [3 * D], 0),
      normal(`${h}.attn.c_proj.weight`, [D, D], residual), constant(`${h}.attn.c_proj.bias`, [D], 0),
      constant(`${h}.ln_2.weight`, [D], 1), constant(`${h}.ln_2.bias`, [D], 0),
      normal(`${h}.mlp.c_fc.weight`, [D, 4 * D], 0.02), constant(`${h}.mlp.c_fc.bias`, [4 * D], 0),
      normal(`${h}.mlp.c_proj.weight`, [4 * D, D], residual), constant(`${h}.mlp.c_proj.bias`, [D], 0),
    );
  }
  tensors.push(constant("ln_f.weight", [D], 1), constant("ln_f.bias", [D], 0));
  return tensors;
}

/** ResNet-50's layers as [name, out, in, kernel], plus the fc layer. */
function resnet50Layers() {
  const convs = [["conv1", 64, 3, 7]];
  let inC = 64;
  [[64, 3], [128, 4], [256, 6], [512, 3]].forEach(([width, blocks], stage) => {
    for (let b = 0; b < blocks; b++) {
      const p = `layer${stage + 1}.${b}`;
      convs.push([`${p}.conv1`, width, inC, 1], [`${p}.conv2`, width, width, 3], [`${p}.conv3`, 4 * width, width, 1]);
      if (b === 0) convs.push([`${p}.downsample.0`, 4 * width, inC, 1]);
      inC = 4 * width;
    }
  });
  return { convs, fc: [1000, 2048] };
}

/** The batch norms of ResNet-50: one after every conv, with the conv's output width. */
function batchNorms(convs) {
  return convs.map(([name, out]) => [name.replace(/conv(\d)$/, "bn$1").replace(/downsample\.0$/, "downsample.1").replace(/^conv1$/, "bn1"), out]);
}

/**
 * ResNet-50 as torchvision builds it: convs kaiming_normal_(mode="fan_out", nonlinearity="relu")
 * in layout [out, in, kh, kw], batch norms weight 1 / bias 0, and nn.Linear's default for fc:
 * kaiming_uniform_(a=sqrt(5)), i.e. U(-1/sqrt(fan_in), 1/sqrt(fan_in)), bias likewise.
 */
export function resnet50Torch() {
  const { convs, fc } = resnet50Layers();
  const tensors = convs.map(([name, out, inC, k]) => ({
    name: `${name}.weight`, shape: [out, inC, k, k], fn: "kaimingNormal",
    options: { mode: "fan_out", nonlinearity: "relu" }, expect: { std: Math.sqrt(2 / (out * k * k)) },
  }));
  for (const [name, width] of batchNorms(convs)) {
    tensors.push({ name: `${name}.weight`, shape: [width], fn: "ones", options: {}, expect: { value: 1 } },
      { name: `${name}.bias`, shape: [width], fn: "zeros", options: {}, expect: { value: 0 } });
  }
  const bound = 1 / Math.sqrt(fc[1]);
  tensors.push({ name: "fc.weight", shape: fc, fn: "kaimingUniform", options: { a: Math.sqrt(5) }, expect: { bound } },
    { name: "fc.bias", shape: [fc[0]], fn: "uniform", options: { a: -bound, b: bound }, expect: { bound } });
  return tensors;
}

/**
 * ResNet-50 as keras.applications builds it: Conv2D and Dense kernels glorot_uniform in layout
 * [kh, kw, in, out] (Dense [in, out]), biases zeros, BatchNormalization gamma 1 / beta 0 and its
 * moving mean 0 / variance 1 (Keras counts those in its 25,636,712 parameters).
 */
export function resnet50Keras() {
  const { convs, fc } = resnet50Layers();
  const glorot = (name, shape, fanIn, fanOut) => ({ name, shape, fn: "glorotUniform", options: {}, expect: { bound: Math.sqrt(6 / (fanIn + fanOut)) } });
  const tensors = convs.map(([name, out, inC, k]) => glorot(`${name}/kernel`, [k, k, inC, out], inC * k * k, out * k * k));
  for (const [name, out] of convs) tensors.push({ name: `${name}/bias`, shape: [out], fn: "zeros", options: {}, expect: { value: 0 } });
  for (const [name, width] of batchNorms(convs)) {
    tensors.push({ name: `${name}/gamma`, shape: [width], fn: "ones", options: {}, expect: { value: 1 } },
      { name: `${name}/beta`, shape: [width], fn: "zeros", options: {}, expect: { value: 0 } },
      { name: `${name}/moving_mean`, shape: [width], fn: "zeros", options: {}, expect: { value: 0 } },
      { name: `${name}/moving_variance`, shape: [width], fn: "ones", options: {}, expect: { value: 1 } });
  }
  tensors.push(glorot("predictions/kernel", [fc[1], fc[0]], fc[1], fc[0]), { name: "predictions/bias", shape: [fc[0]], fn: "zeros", options: {}, expect: { value: 0 } });
  return tensors;
}
