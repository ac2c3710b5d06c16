-- Reads random Consents by id; ids come from the file named in IDS (one per line).
-- The bearer token comes from TOKEN (bench/run.sh gets one for its own client).
local auth = "Bearer " .. os.getenv("TOKEN")
local ids = {}
for line in io.lines(os.getenv("IDS")) do ids[#ids + 1] = line end
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/fhir/Consent/" .. ids[math.random(#ids)], { ["Accept"] = "application/fhir+json", ["Authorization"] = auth })
end
