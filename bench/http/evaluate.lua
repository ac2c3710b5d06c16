-- Asks $evaluate about a random person who has made a choice (the slower path: the decision comes from their
-- Consent, not the shared default); numbers come from the file named in NHS (one per line).
-- The bearer token comes from TOKEN (bench/run.sh gets one for its own client).
-- The requests are formatted once, in a shuffled order, at start-up: the trivial endpoint it is compared with costs
-- wrk nothing per request either, and on two shared cores every microsecond the client spends is the server's loss.
local auth = "Bearer " .. os.getenv("TOKEN")
local requests = {}
local next_request = 1
init = function(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 1000)
  local numbers = {}
  for line in io.lines(os.getenv("NHS")) do numbers[#numbers + 1] = line end
  for i = #numbers, 2, -1 do
    local j = math.random(i)
    numbers[i], numbers[j] = numbers[j], numbers[i]
  end
  for i, nhs in ipairs(numbers) do
    requests[i] = wrk.format("GET", "/fhir/Consent/$evaluate?patient=" .. nhs .. "&purpose=HRESCH&actor=RR8",
      { ["Accept"] = "application/fhir+json", ["Authorization"] = auth })
  end
end
request = function()
  local r = requests[next_request]
  next_request = next_request % #requests + 1
  return r
end
