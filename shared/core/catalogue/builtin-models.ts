import type { GpuModelSpec } from './gpu-model.ts';
import { freezeGpuModel } from './gpu-model.ts';

const GIB = 2 ** 30;
const NVIDIA = 'NVIDIA';

/**
 * The GPU models known without configuration: the common data-centre and workstation boards, and the
 * models of the openb trace (`shared/data/openb/openb_node_list_gpu_node.csv`: P100, T4, V100M16,
 * V100M32, A10). The trace's G2 and G3 are undisclosed models; they come from configuration
 * (`parseCatalogueConfig`), never from here.
 *
 * Sources:
 * - `fp16TflopsMilli`: dense FP16 TFLOPS from TensorFusion's Helm catalogue
 *   `charts/tensor-fusion/templates/gpu-public-gpu-info.yaml`, as quoted in
 *   `shared/reference/tensorfusion-behaviour.md` §6.2 (so requests match TensorFusion's numbers, even
 *   where the chart quotes non-tensor FP16, as for the RTX A6000). P100 is not in that chart: 18.7 is
 *   the FP16 figure of the NVIDIA Tesla P100 PCIe datasheet
 *   (https://images.nvidia.com/content/tesla/pdf/nvidia-tesla-p100-PCIe-datasheet.pdf).
 * - `vramBytes`: the vendors' public spec sheets, in GiB (TensorFusion itself reads VRAM from the driver).
 * - `aliases`: the NVML device names (TensorFusion's `fullModelName`), the chart's duplicate ids, the
 *   openb trace names, and family names.
 *
 * Family names (`A100`, `A800`, `H100`, `H800`, `V100`, `B200`) point at the variant with the
 * smallest VRAM, and on a tie the smaller TFLOPS, then the PCIe board. That is the conservative
 * choice: a request sized from a family name (a percentage of its TFLOPS or VRAM) fits every variant
 * of the family. Where the family name is itself a model id (`H200`, `L40S`, also matched as `L40s`
 * because lookup ignores case) it names that model.
 */
export const builtinModels: readonly GpuModelSpec[] = Object.freeze(([
  // Pascal and Volta. V100M16 / V100M32 are the openb trace names.
  { model: 'P100', vendor: NVIDIA, fp16TflopsMilli: 18_700, vramBytes: 16 * GIB, aliases: ['Tesla P100-PCIE-16GB'] },
  {
    model: 'V100_16G', vendor: NVIDIA, fp16TflopsMilli: 125_000, vramBytes: 16 * GIB,
    aliases: ['V100', 'V100M16', 'Tesla V100-SXM2-16GB', 'Tesla V100-PCIE-16GB'],
  },
  {
    model: 'V100_32G', vendor: NVIDIA, fp16TflopsMilli: 125_000, vramBytes: 32 * GIB,
    aliases: ['V100M32', 'Tesla V100-SXM2-32GB', 'Tesla V100-PCIE-32GB'],
  },
  { model: 'V100S', vendor: NVIDIA, fp16TflopsMilli: 130_000, vramBytes: 32 * GIB, aliases: ['Tesla V100S-PCIE-32GB'] },
  // Turing and Ampere.
  { model: 'T4', vendor: NVIDIA, fp16TflopsMilli: 65_000, vramBytes: 16 * GIB, aliases: ['Tesla T4'] },
  {
    model: 'A100_PCIe_40G', vendor: NVIDIA, fp16TflopsMilli: 312_000, vramBytes: 40 * GIB,
    aliases: ['A100', 'A100_PCIe_40GB', 'NVIDIA A100-PCIE-40GB', 'NVIDIA A100 40GB PCIe'],
  },
  { model: 'A100_SXM_40G', vendor: NVIDIA, fp16TflopsMilli: 312_000, vramBytes: 40 * GIB, aliases: ['NVIDIA A100-SXM4-40GB'] },
  {
    model: 'A100_PCIe_80G', vendor: NVIDIA, fp16TflopsMilli: 312_000, vramBytes: 80 * GIB,
    aliases: ['A100_PCIe_80GB', 'NVIDIA A100 80GB PCIe', 'NVIDIA A100-PCIE-80GB'],
  },
  { model: 'A100_SXM_80G', vendor: NVIDIA, fp16TflopsMilli: 312_000, vramBytes: 80 * GIB, aliases: ['NVIDIA A100-SXM4-80GB'] },
  { model: 'A800_PCIe_40G', vendor: NVIDIA, fp16TflopsMilli: 312_000, vramBytes: 40 * GIB, aliases: ['A800'] },
  { model: 'A800_SXM_40G', vendor: NVIDIA, fp16TflopsMilli: 312_000, vramBytes: 40 * GIB, aliases: [] },
  { model: 'A800_PCIe_80G', vendor: NVIDIA, fp16TflopsMilli: 312_000, vramBytes: 80 * GIB, aliases: ['NVIDIA A800 80GB PCIe'] },
  { model: 'A800_SXM_80G', vendor: NVIDIA, fp16TflopsMilli: 312_000, vramBytes: 80 * GIB, aliases: ['NVIDIA A800-SXM4-80GB'] },
  { model: 'A10', vendor: NVIDIA, fp16TflopsMilli: 125_000, vramBytes: 24 * GIB, aliases: ['NVIDIA A10'] },
  { model: 'A10G', vendor: NVIDIA, fp16TflopsMilli: 125_000, vramBytes: 24 * GIB, aliases: ['NVIDIA A10G'] },
  { model: 'A40', vendor: NVIDIA, fp16TflopsMilli: 149_700, vramBytes: 48 * GIB, aliases: ['NVIDIA A40', 'NVIDIA A40-PCIE-48GB'] },
  { model: 'A6000', vendor: NVIDIA, fp16TflopsMilli: 38_710, vramBytes: 48 * GIB, aliases: ['NVIDIA RTX A6000'] },
  { model: 'RTX3090', vendor: NVIDIA, fp16TflopsMilli: 71_200, vramBytes: 24 * GIB, aliases: ['NVIDIA GeForce RTX 3090'] },
  // Ada Lovelace.
  {
    model: 'A6000Ada', vendor: NVIDIA, fp16TflopsMilli: 323_000, vramBytes: 48 * GIB,
    aliases: ['NVIDIA RTX 6000 Ada Generation'],
  },
  { model: 'L4', vendor: NVIDIA, fp16TflopsMilli: 121_000, vramBytes: 24 * GIB, aliases: ['NVIDIA L4'] },
  { model: 'L40', vendor: NVIDIA, fp16TflopsMilli: 181_000, vramBytes: 48 * GIB, aliases: ['NVIDIA L40'] },
  { model: 'L40S', vendor: NVIDIA, fp16TflopsMilli: 365_000, vramBytes: 48 * GIB, aliases: ['NVIDIA L40S'] },
  { model: 'RTX4090', vendor: NVIDIA, fp16TflopsMilli: 165_160, vramBytes: 24 * GIB, aliases: ['NVIDIA GeForce RTX 4090'] },
  // Hopper.
  { model: 'H100_PCIe', vendor: NVIDIA, fp16TflopsMilli: 835_000, vramBytes: 80 * GIB, aliases: ['H100', 'NVIDIA H100 PCIe'] },
  { model: 'H100_SXM', vendor: NVIDIA, fp16TflopsMilli: 989_000, vramBytes: 80 * GIB, aliases: ['NVIDIA H100 80GB HBM3'] },
  { model: 'H100_NVL', vendor: NVIDIA, fp16TflopsMilli: 989_000, vramBytes: 94 * GIB, aliases: ['NVIDIA H100 NVL'] },
  { model: 'H800_PCIe', vendor: NVIDIA, fp16TflopsMilli: 835_000, vramBytes: 80 * GIB, aliases: ['H800'] },
  { model: 'H800_SXM', vendor: NVIDIA, fp16TflopsMilli: 989_000, vramBytes: 80 * GIB, aliases: ['NVIDIA H800 80GB HBM3'] },
  { model: 'H800_NVL', vendor: NVIDIA, fp16TflopsMilli: 835_000, vramBytes: 94 * GIB, aliases: [] },
  { model: 'H20', vendor: NVIDIA, fp16TflopsMilli: 148_000, vramBytes: 96 * GIB, aliases: ['NVIDIA H20'] },
  { model: 'H200', vendor: NVIDIA, fp16TflopsMilli: 989_000, vramBytes: 141 * GIB, aliases: ['NVIDIA H200'] },
  { model: 'H200_NVL', vendor: NVIDIA, fp16TflopsMilli: 835_000, vramBytes: 141 * GIB, aliases: ['NVIDIA H200 NVL'] },
  // Blackwell.
  { model: 'B200_SXM', vendor: NVIDIA, fp16TflopsMilli: 2_250_000, vramBytes: 180 * GIB, aliases: ['B200', 'NVIDIA B200'] },
  {
    model: 'RTX_5090', vendor: NVIDIA, fp16TflopsMilli: 419_200, vramBytes: 32 * GIB,
    aliases: ['RTX5090', 'NVIDIA GeForce RTX 5090'],
  },
] satisfies GpuModelSpec[]).map(freezeGpuModel));
