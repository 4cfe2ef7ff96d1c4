// torchvision's ResNets (resnet18/34/50/101/152), parameter and buffer names as their state_dict
// (num_batches_tracked, an int64 counter, is left out: load with strict=False).
// see: torchvision/models/resnet.py: ResNet.__init__ (Conv2d kaiming_normal_(mode="fan_out",
//      nonlinearity="relu"), BatchNorm weight 1, bias 0; running_mean 0, running_var 1), and
//      nn.Linear's reset_parameters for fc: kaiming_uniform_(a=sqrt(5)), i.e.
//      U(-1/sqrt(fan_in), 1/sqrt(fan_in)), bias U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
//      BasicBlock (expansion 1) for 18/34, Bottleneck (expansion 4) for 50/101/152.

import { tensorT, onesT, zerosT, uniformT, type ModelRecipe, type TensorRecipe } from "./recipe.js";

export const RESNET_LAYERS: Record<string, { blocks: number[]; bottleneck: boolean }> = {
  resnet18: { blocks: [2, 2, 2, 2], bottleneck: false },
  resnet34: { blocks: [3, 4, 6, 3], bottleneck: false },
  resnet50: { blocks: [3, 4, 6, 3], bottleneck: true },
  resnet101: { blocks: [3, 4, 23, 3], bottleneck: true },
  resnet152: { blocks: [3, 8, 36, 3], bottleneck: true },
};

export const RESNET_DEFAULTS: Record<string, unknown> = { model_type: "resnet", depth: 50, num_classes: 1000 };

function conv(name: string, out: number, inp: number, k: number): TensorRecipe {
  return tensorT(`${name}.weight`, [out, inp, k, k], "kaimingNormal", { mode: "fan_out", nonlinearity: "relu" }); // N(0, 2 / fan_out)
}

function bn(name: string, width: number): TensorRecipe[] {
  return [onesT(`${name}.weight`, [width]), zerosT(`${name}.bias`, [width]), zerosT(`${name}.running_mean`, [width]), onesT(`${name}.running_var`, [width])];
}

export function resnet(config: Record<string, unknown>, int: (key: string) => number): ModelRecipe {
  const depth = int("depth"), classes = int("num_classes");
  const arch = RESNET_LAYERS[`resnet${depth}`];
  if (!arch) throw new RangeError(`resnet: depth must be one of 18, 34, 50, 101, 152, got ${depth}`);
  const expansion = arch.bottleneck ? 4 : 1;
  const t: TensorRecipe[] = [conv("conv1", 64, 3, 7), ...bn("bn1", 64)];
  let inC = 64;
  arch.blocks.forEach((blocks, stage) => {
    const width = 64 << stage;
    for (let b = 0; b < blocks; b++) {
      const p = `layer${stage + 1}.${b}`;
      if (arch.bottleneck) {
        t.push(conv(`${p}.conv1`, width, inC, 1), ...bn(`${p}.bn1`, width), conv(`${p}.conv2`, width, width, 3), ...bn(`${p}.bn2`, width),
          conv(`${p}.conv3`, width * 4, width, 1), ...bn(`${p}.bn3`, width * 4));
      } else {
        t.push(conv(`${p}.conv1`, width, inC, 3), ...bn(`${p}.bn1`, width), conv(`${p}.conv2`, width, width, 3), ...bn(`${p}.bn2`, width));
      }
      if (b === 0 && (stage > 0 || inC !== width * expansion)) t.push(conv(`${p}.downsample.0`, width * expansion, inC, 1), ...bn(`${p}.downsample.1`, width * expansion));
      inC = width * expansion;
    }
  });
  const bound = 1 / Math.sqrt(inC);
  t.push(tensorT("fc.weight", [classes, inC], "kaimingUniform", { a: Math.sqrt(5) }), uniformT("fc.bias", [classes], bound)); // U(-1/sqrt(in), 1/sqrt(in)) both
  return { recipe: `resnet${depth}`, config, tensors: t, huggingFace: false };
}
