// nninit/checkpoint/node: safetensors to and from file paths and Node streams.
export { writeSafetensorsFile, writeFileAtomically, writableSink, fileHandleSink, fileSource, temporaryName } from "./io/node.js";
