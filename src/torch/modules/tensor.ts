// What the module constructors and `stateDict` return: torch's tensors as plain shapes and typed
// arrays, keyed by torch's own names.

/** A float32 tensor: its dimensions (torch's `tensor.shape`) and its values in row-major order. */
export interface TorchTensor {
  shape: number[];
  data: Float32Array;
}

/** An int64 buffer (BatchNorm's `num_batches_tracked`): a 0-d tensor holding a count. */
export interface TorchInt64Tensor {
  shape: number[];
  data: BigInt64Array;
}

/**
 * Tensors by torch's names, in torch's order: `named_parameters()` order for parameters and, when
 * buffers are asked for, `state_dict()` order (each module's parameters, then its buffers, then its
 * children's). A `Map` iterates in insertion order, so `[...map.keys()]` is that order.
 */
export type NamedTensors = Map<string, TorchTensor>;

/** Parameters and buffers together (`{ buffers: true }`): float32 tensors and int64 counters. */
export type NamedTensorsWithBuffers = Map<string, TorchTensor | TorchInt64Tensor>;
