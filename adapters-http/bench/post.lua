wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "ApiKey bench.bench-secret"
wrk.body = '{"model": {"identifier": "echo", "version": "1.0.0"}, "input": {"type": "text", "sources": {"my-item": {"input.txt": "I love it"}}}}'
