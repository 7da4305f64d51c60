"""`lobkit serve`: the classroom page (`app`), its worker jobs (`jobs`) and shipped assets."""
