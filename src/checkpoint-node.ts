// nninit/checkpoint/node: safetensors to and from file paths and Node streams.
export { writeSafetensorsFile, writeFileAtomically, writableSink, fileHandleSink, fileSource, openRegularFile, temporaryName } from "./io/node.js";
export { saveFile, loadFile, safeOpen } from "./io/node-api.js";
