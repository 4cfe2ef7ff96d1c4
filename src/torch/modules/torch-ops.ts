// The one place the module constructors and model recipes reach the torch generator (the
// TorchGenerator and the initializers that draw from it as torch does).

export { TorchGenerator, type TorchBuild } from "../generator.js";
export { defaultGenerator } from "../default-generator.js";
export { uniform, normal, kaimingUniform, kaimingNormal, xavierUniform, xavierNormal } from "../../index.js";
