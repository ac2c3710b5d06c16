-- Asks $evaluate about a random person who has made a choice (the slower path: the decision comes from their
-- Consent, not the shared default); numbers come from the file named in NHS (one per line).
-- The bearer token comes from TOKEN (bench/run.sh gets one for its own client).
local auth = "Bearer " .. os.getenv("TOKEN")
local numbers = {}
for line in io.lines(os.getenv("NHS")) do numbers[#numbers + 1] = line end
math.randomseed(os.time())
request = function()
  local path = "/fhir/Consent/$evaluate?patient=" .. numbers[math.random(#numbers)] .. "&purpose=HRESCH&actor=RR8"
  return wrk.format("GET", path, { ["Accept"] = "application/fhir+json", ["Authorization"] = auth })
end
