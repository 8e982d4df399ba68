wrk.headers["Authorization"] = "ApiKey bench.bench-secret"
