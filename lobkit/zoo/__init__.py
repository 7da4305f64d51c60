"""Formula zoos shared by tests and benchmarks: lobkit's own parametrised families
(`own_families`) and the LWB benchmark families for K (`lwb_families`)."""
