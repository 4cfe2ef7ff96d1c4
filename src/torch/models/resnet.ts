// torchvision 0.14's resnet18/34/50/101/152 (torchvision/models/resnet.py), replayed as torch runs
// ResNet.__init__:
//   1. constructors in __init__ order: conv1, bn1, then each _make_layer: the first block's
//      downsample (1x1 conv + BN) is built *before* the block (it is an argument), then the
//      block's convs; finally fc (Linear: kaiming_uniform_ weight, uniform_ bias, both kept).
//   2. for m in self.modules(): Conv2d -> kaiming_normal_(mode="fan_out", nonlinearity="relu"),
//      BatchNorm2d -> weight 1, bias 0. modules() lists a block's downsample *after* its convs
//      (registration order), so the two orders differ there.
//   3. zero_init_residual (default false): the last BN weight of each block set to 0.
// Every conv constructor draw is overwritten in step 2, so it only moves the generator.

import { Plan } from "../modules/plan.js";
import { planConv } from "../modules/conv.js";
import { planBatchNorm } from "../modules/norm.js";
import { planLinear } from "../modules/linear.js";
import { size, flag, configOf } from "../modules/check.js";

/** The depths of torchvision's five ResNets and their block type. */
export const RESNETS = {
  resnet18: { bottleneck: false, layers: [2, 2, 2, 2] },
  resnet34: { bottleneck: false, layers: [3, 4, 6, 3] },
  resnet50: { bottleneck: true, layers: [3, 4, 6, 3] },
  resnet101: { bottleneck: true, layers: [3, 4, 23, 3] },
  resnet152: { bottleneck: true, layers: [3, 8, 36, 3] },
} as const;

/** A torchvision ResNet {@link stateDict} replays: "resnet18", "resnet34", "resnet50", "resnet101" or "resnet152". */
export type ResNetName = keyof typeof RESNETS;

/** The keyword arguments of torchvision's resnetNN() that this replay supports. */
export interface ResNetConfig {
  /** Classes of the fc layer (default 1000). */
  num_classes?: number;
  /** Zero the last BatchNorm weight of every residual block (default false). */
  zero_init_residual?: boolean;
}

export const RESNET_CONFIG_KEYS = ["num_classes", "zero_init_residual"] as const;

export function resnetConfig(fn: string, name: ResNetName, config: unknown): Required<ResNetConfig> {
  const c = configOf<ResNetConfig>(fn, name, config, RESNET_CONFIG_KEYS);
  return {
    num_classes: c.num_classes === undefined ? 1000 : size(fn, "config.num_classes", c.num_classes),
    zero_init_residual: flag(fn, "config.zero_init_residual", c.zero_init_residual, false),
  };
}

/** A Conv2d (bias=False) with its constructor draw; returns its slot for the init loop. */
function conv(plan: Plan, name: string, cin: number, cout: number, k: number): number {
  return planConv(plan, `${name}.`, cin, cout, [k, k], 1, false, false);
}

/** The plan of `torchvision.models.<name>(num_classes=..., zero_init_residual=...)`. */
export function planResNet(name: ResNetName, c: Required<ResNetConfig>): Plan {
  const { bottleneck, layers } = RESNETS[name];
  const expansion = bottleneck ? 4 : 1;
  const plan = new Plan();
  const convs: number[] = []; // in self.modules() order
  const lastBn: number[] = [];
  convs.push(conv(plan, "conv1", 3, 64, 7));
  planBatchNorm(plan, "bn1.", 64);
  let inplanes = 64;
  layers.forEach((blocks, li) => {
    const planes = 64 << li;
    const stride = li === 0 ? 1 : 2;
    for (let bi = 0; bi < blocks; bi++) {
      const p = `layer${li + 1}.${bi}.`;
      // The downsample is constructed first but registered last: its tensors go in a child plan
      // whose steps run now and whose names are merged after the block's own.
      let down: Plan | undefined;
      let downConv = -1;
      if (bi === 0 && (stride !== 1 || inplanes !== planes * expansion)) {
        down = new Plan();
        downConv = conv(down, `${p}downsample.0`, inplanes, planes * expansion, 1);
        planBatchNorm(down, `${p}downsample.1.`, planes * expansion);
      }
      const block = new Plan();
      const blockConvs: number[] = [];
      let last: number | undefined;
      if (bottleneck) {
        blockConvs.push(conv(block, `${p}conv1`, inplanes, planes, 1));
        planBatchNorm(block, `${p}bn1.`, planes);
        blockConvs.push(conv(block, `${p}conv2`, planes, planes, 3));
        planBatchNorm(block, `${p}bn2.`, planes);
        blockConvs.push(conv(block, `${p}conv3`, planes, planes * expansion, 1));
        last = planBatchNorm(block, `${p}bn3.`, planes * expansion);
      } else {
        blockConvs.push(conv(block, `${p}conv1`, inplanes, planes, 3));
        planBatchNorm(block, `${p}bn1.`, planes);
        blockConvs.push(conv(block, `${p}conv2`, planes, planes, 3));
        last = planBatchNorm(block, `${p}bn2.`, planes);
      }
      // Steps: downsample's constructor draws, then the block's. Names: block's, then downsample's.
      const stepsBefore = plan.steps.length;
      const blockBase = plan.merge(block);
      const blockSteps = plan.steps.splice(stepsBefore);
      let downBase = 0;
      if (down !== undefined) {
        downBase = plan.merge(down);
      }
      plan.steps.push(...blockSteps);
      for (const s of blockConvs) convs.push(s + blockBase);
      if (down !== undefined) convs.push(downConv + downBase);
      lastBn.push(last! + blockBase);
      inplanes = planes * expansion;
    }
  });
  planLinear(plan, "fc.", 512 * expansion, c.num_classes, true);
  // The init loop. BatchNorm's ones and zeros are already its creation values.
  for (const s of convs) plan.init(s, { kind: "kaimingNormal", a: 0, mode: "fan_out", nonlinearity: "relu" });
  if (c.zero_init_residual) for (const s of lastBn) plan.init(s, { kind: "constant", value: 0 });
  return plan;
}
