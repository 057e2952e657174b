#!/usr/bin/env bash
# Captures what the node-agent's live GPU sources read, on a real GPU machine, into $OUT (or ./gpu-samples):
# the exact nvidia-smi queries of shared/adapters/gpu (idle and under load), the /proc/<pid>/cgroup of a
# process using the GPU, and dcgmi output where DCGM is installed. The files become test fixtures
# (test/fixtures/gpu/real-*), so the parsers are checked against real output, not only hand-written files.
set -u
out="${OUT:-./gpu-samples}"; mkdir -p "$out"
gpu_query='--query-gpu=index,uuid,name,memory.total,memory.used,utilization.gpu'
apps_query='--query-compute-apps=gpu_uuid,pid,used_memory'
{
  echo "date: $(date -u +%FT%TZ)"; uname -a
  nvidia-smi --version 2>&1 | head -5
  nvidia-smi -L
  for tool in python3 nvcc dcgmi nv-hostengine dcgm-exporter node; do printf '%s: %s\n' "$tool" "$(command -v $tool || echo absent)"; done
  python3 -c 'import torch; print("torch", torch.__version__, torch.cuda.is_available())' 2>&1 | tail -1
} > "$out/environment.txt" 2>&1
nvidia-smi "$gpu_query" --format=csv,noheader,nounits > "$out/nvidia-smi-gpus-idle.csv" 2>&1
nvidia-smi "$apps_query" --format=csv,noheader,nounits > "$out/nvidia-smi-apps-idle.csv" 2>&1

# A load: a torch matmul loop holding ~8 GiB, else a CUDA busy kernel from nvcc; 20 s at most.
load_pid=""
if python3 -c 'import torch; assert torch.cuda.is_available()' 2>/dev/null; then
  python3 -c '
import torch, time
a = torch.randn(16384, 16384, device="cuda"); b = torch.randn(16384, 16384, device="cuda")
end = time.time() + 20
while time.time() < end: c = a @ b; torch.cuda.synchronize()
torch.cuda.synchronize()' & load_pid=$!
elif command -v nvcc >/dev/null; then
  cat > /tmp/busy.cu <<'CU'
#include <cstdio>
__global__ void spin(float *x, long n) { long i = blockIdx.x * blockDim.x + threadIdx.x; float v = x[i % n]; for (int k = 0; k < 200000; k++) v = v * 1.000001f + 0.5f; x[i % n] = v; }
int main() { float *x; size_t n = 2ull << 30; cudaMalloc(&x, n * sizeof(float)); for (int r = 0; r < 40; r++) { spin<<<4096, 256>>>(x, (long)n); cudaDeviceSynchronize(); } printf("done\n"); return 0; }
CU
  nvcc -O2 -o /tmp/busy /tmp/busy.cu >> "$out/environment.txt" 2>&1 && { /tmp/busy & load_pid=$!; }
fi
if [ -n "$load_pid" ]; then
  sleep 8
  nvidia-smi "$gpu_query" --format=csv,noheader,nounits > "$out/nvidia-smi-gpus-load.csv" 2>&1
  nvidia-smi "$apps_query" --format=csv,noheader,nounits > "$out/nvidia-smi-apps-load.csv" 2>&1
  for pid in $(nvidia-smi --query-compute-apps=pid --format=csv,noheader 2>/dev/null) $load_pid; do
    [ -r "/proc/$pid/cgroup" ] && { echo "# pid $pid"; cat "/proc/$pid/cgroup"; }
  done > "$out/proc-cgroup.txt" 2>&1
  command -v dcgmi >/dev/null && dcgmi dmon -e 203,252,155 -c 3 > "$out/dcgmi-dmon.txt" 2>&1
  wait "$load_pid"
else
  echo "no load generator (no torch, no nvcc)" >> "$out/environment.txt"
fi
ls -la "$out"
