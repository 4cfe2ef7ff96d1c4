// torch.nn module constructors: each returns its parameters as torch would initialize them,
// drawing from a TorchGenerator in torch's order.

export type { TorchTensor, TorchInt64Tensor, NamedTensors, NamedTensorsWithBuffers } from "./tensor.js";
export type { ModuleOptions } from "./run.js";
export { linear, bilinear, type LinearOptions } from "./linear.js";
export { conv1d, conv2d, conv3d, convTranspose1d, convTranspose2d, convTranspose3d, type ConvOptions } from "./conv.js";
export { embedding, type EmbeddingOptions } from "./embedding.js";
export {
  layerNorm, groupNorm, batchNorm1d, batchNorm2d, batchNorm3d,
  type LayerNormOptions, type GroupNormOptions, type BatchNormOptions,
} from "./norm.js";
export { multiheadAttention, type MultiheadAttentionOptions } from "./attention.js";
export { rnn, lstm, gru, type RnnOptions, type ElmanRnnOptions, type LstmOptions } from "./rnn.js";
