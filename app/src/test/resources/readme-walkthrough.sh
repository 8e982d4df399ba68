# The server prints its URL and, on first start, a new API key. Keep both at hand:
#   export MODELRUN_URL=http://localhost:8080 KEY=<the printed key>

# 1. The models the server runs.
curl -s -H "Authorization: ApiKey $KEY" "$MODELRUN_URL/api/models"
echo

# 2. Submit a sentiment job over one text item; the answer is the job, with its identifier.
JOB=$(curl -s -X POST "$MODELRUN_URL/api/jobs" \
  -H "Authorization: ApiKey $KEY" -H "Content-Type: application/json" \
  -d '{"model": {"identifier": "ed542963de", "version": "0.0.27"},
       "explain": false, "timeout": 60000, "hoursDeleteInput": 1,
       "input": {"type": "text", "sources": {"my-item": {"input.txt": "I love it"}}}}' \
  | sed -E 's/.*"jobIdentifier":"([^"]+)".*/\1/')
echo "job $JOB"

# 3. Wait until the job has ended, then show it.
until curl -s -H "Authorization: ApiKey $KEY" "$MODELRUN_URL/api/jobs/$JOB" \
  | grep -Eq '"status":"(COMPLETED|ERROR|CANCELED|TIMEDOUT)"'; do sleep 1; done
curl -s -H "Authorization: ApiKey $KEY" "$MODELRUN_URL/api/jobs/$JOB"
echo

# 4. Its results: one entry per item, with the model's output.
curl -s -H "Authorization: ApiKey $KEY" "$MODELRUN_URL/api/results/$JOB"
echo

# 5. Your jobs, newest first (X-Total-Count holds the number of matches).
curl -s -i -H "Authorization: ApiKey $KEY" "$MODELRUN_URL/api/jobs/history?status=terminated&per-page=5"
echo

# 6. Errors name what is wrong: here a missing key (401) and a string where an object belongs (400).
curl -s "$MODELRUN_URL/api/jobs/$JOB"
echo
curl -s -X POST "$MODELRUN_URL/api/jobs" -H "Authorization: ApiKey $KEY" \
  -H "Content-Type: application/json" -d '{"model": "ed542963de"}'
echo
