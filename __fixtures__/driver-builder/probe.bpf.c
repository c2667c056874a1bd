// A minimal eBPF program: a tracepoint handler, compiled with clang -target bpf.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("tracepoint/syscalls/sys_enter_openat")
int falco_probe(void *ctx) { return 0; }

char LICENSE[] SEC("license") = "GPL";
