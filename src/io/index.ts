// Files: safetensors writing (streamed, sharded) and reading (bounded memory), for Node and
// browsers. Node's file paths and streams are in ./node.ts.

export {
  SAFETENSORS_DTYPE_BYTES, SAFETENSORS_DTYPE_BITS, SAFETENSORS_DTYPE, MAX_HEADER_BYTES, SafetensorsFormatError, encodeHeader, tensorBytes,
  type SafetensorsDtype, type StoredDtype, type HeaderEntry, type SafetensorsHeader, type TensorLayout,
} from "./format.js";
export {
  writeSafetensors, safetensorsBlob, safetensorsLayout, DEFAULT_CHUNK_BYTES,
  type TensorSource, type ByteSink, type WriteOptions, type WriteProgress,
} from "./write.js";
export { readSafetensorsHeader, readTensorValues, tensorStats, blobSource, FLOAT_DTYPES, type ByteSource, type TensorStats } from "./read.js";
export { planShards, shardFileName, shardIndexJson, parseSize, INDEX_FILE_NAME } from "./shards.js";
export { saveFile, loadFile, safeOpen, type Tensor, type SaveInput, type SaveTensors, type SaveOptions, type SafeOpenFile } from "./api.js";
export { bytesSource, responseSource, type ReadableInput } from "./sources.js";
export { DTYPE_WORDS, type DtypeWord, type TensorArray } from "./dtypes.js";
export type { SliceRange } from "./slice.js";
