-- Searches a random person's Consents by NHS number; numbers come from the file named in NHS (one per line).
-- The bearer token comes from TOKEN (bench/run.sh gets one for its own client).
local auth = "Bearer " .. os.getenv("TOKEN")
local numbers = {}
for line in io.lines(os.getenv("NHS")) do numbers[#numbers + 1] = line end
math.randomseed(os.time())
request = function()
  local path = "/fhir/Consent?patient:identifier=https://fhir.nhs.uk/Id/nhs-number%7C" .. numbers[math.random(#numbers)]
  return wrk.format("GET", path, { ["Accept"] = "application/fhir+json", ["Authorization"] = auth })
end
