"""Formula zoos shared by tests and benchmarks: lobkit's own parametrised families
(`own_families`) and the LWB benchmark (`lwb_benchmark`: all 54 families, from `lwb_families`
(K, provable), `lwb_k_n` (K, unprovable), `lwb_kt` and `lwb_s4`)."""
